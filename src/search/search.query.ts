import { Prisma } from '../db/client';

/**
 * A search box query in web-search syntax, as websearch_to_tsquery reads it:
 * words are all required, `"a phrase"` must appear as written, `a OR b` needs
 * either, `-word` (or `-"a phrase"`) must not appear. OR binds tighter than
 * the implicit AND: `a b OR c d` is a & (b | c) & d.
 *
 * It is parsed here rather than handed to websearch_to_tsquery once per text
 * configuration, because OR-ing two whole tsqueries (English || simple) lets a
 * negated word leak: a statement holding "separatists" lacks the simple form
 * "separatist", so `-separatist` would still match it through the simple half.
 * Instead every term is looked up in each configuration and those are OR-ed
 * (the term is present in any form), and the terms are then combined with AND,
 * OR and NOT, so that a negated term excludes every form of it.
 */
export type SearchTerm = { text: string; negated: boolean; phrase: boolean };
/** All groups are required; a group matches when any of its terms does. */
export type ParsedQuery = SearchTerm[][];

export const MAX_TERMS = 24;

const WORDY = /[\p{L}\p{N}]/u;

/** Splits a query into groups of terms; terms without a letter or digit are dropped. */
export function parseSearchQuery(input: string): ParsedQuery {
  const groups: SearchTerm[][] = [];
  let joinNext = false;
  let i = 0;
  const s = input;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/u.test(c)) {
      i += 1;
      continue;
    }
    let negated = false;
    if (c === '-' && i + 1 < s.length && !/\s/u.test(s[i + 1]!)) {
      negated = true;
      i += 1;
    }
    let text: string;
    let phrase = false;
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      text = s.slice(i + 1, end === -1 ? s.length : end);
      i = end === -1 ? s.length : end + 1;
      phrase = true;
    } else {
      let j = i;
      while (j < s.length && !/\s/u.test(s[j]!) && s[j] !== '"') j += 1;
      text = s.slice(i, j);
      i = j;
      if (!negated && text.toLowerCase() === 'or') {
        if (groups.length > 0) joinNext = true;
        continue;
      }
    }
    text = text.trim();
    if (!WORDY.test(text)) continue;
    const term = { text, negated, phrase };
    if (joinNext && groups.length > 0) groups[groups.length - 1]!.push(term);
    else groups.push([term]);
    joinNext = false;
  }
  return groups;
}

export const termCount = (query: ParsedQuery) => query.reduce((n, group) => n + group.length, 0);

/** Whether the query asks for something (not only words to leave out). */
export const hasPositiveTerm = (query: ParsedQuery) => query.some((group) => group.some((t) => !t.negated));

/** One term in every form the vectors hold (search_term in the migration: English stem, as written, Arabic stem). */
function termSql(term: SearchTerm): Prisma.Sql {
  const any = Prisma.sql`search_term(${term.text})`;
  return term.negated ? Prisma.sql`(!! ${any})` : any;
}

/** The tsquery expression for a parsed query (at least one term). */
export function tsquerySql(query: ParsedQuery): Prisma.Sql {
  const groups = query.map((group) => Prisma.sql`(${Prisma.join(group.map(termSql), ' || ')})`);
  return Prisma.sql`(${Prisma.join(groups, ' && ')})`;
}
