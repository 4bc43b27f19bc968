import { GOVERNMENT_WORDS, ORGANISATION_WORDS, STATES, THINGS } from './lexicon';
import type { EntityKind } from './cast';

// What kind of speaker a name is: a government, an organisation or a person,
// from the name itself and, for states the word lists lack, from the article.

export function guessKind(words: string[], title: string | undefined): EntityKind {
  const name = words.join(' ');
  if (STATES.has(name)) return 'government';
  const lower = words.map((w) => w.toLowerCase());
  if (lower.some((w) => GOVERNMENT_WORDS.has(w)) && !lower.some((w) => w === 'council' || w === 'union')) return 'government';
  if (lower.some((w) => ORGANISATION_WORDS.has(w))) return 'organisation';
  if (words.length === 1 && /^[\p{Lu}\d]{2,6}$/u.test(name)) return 'organisation';
  if (words.length > 1 && THINGS.has(lower[lower.length - 1]!)) return 'thing';
  if (title) return 'person';
  return words.length >= 2 ? 'person' : 'unknown';
}

// Names of states the word lists do not hold ("Valdoria"): the article gives them a
// demonym ("Valdorian"), a government or ministers.
export function looksLikeAState(name: string, text: string): boolean {
  if (name.includes(' ')) return false;
  const stem = name.replace(/[aeiouy]$/, '');
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const demonym = new RegExp(`\\b${escaped(stem)}(?:n|an|ian|ese|ish|ic|i)\\b`, 'u');
  const office = new RegExp(
    `\\b${escaped(name)}['’]s (?:government|foreign|prime minister|president|presidency|interior|defence|finance|ministry|parliament|army|cabinet|coast guard|embassy)|(?:government|president|prime minister|ministry|embassy|parliament) of ${escaped(name)}\\b`,
    'iu',
  );
  return demonym.test(text) || office.test(text);
}
