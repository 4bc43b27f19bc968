import type { Analysis, Token } from './nlp';
import { actsAsAName, gerundName, INSTITUTION_HEADS, isCapitalised, nameToken, usedAsPlace } from './name-tokens';
import {
  DESCRIPTORS,
  GOVERNMENT_WORDS,
  INSTITUTION_NOUNS,
  NAME_PARTICLES,
  ORGANISATION_WORDS,
  PERSON_ROLES,
  STATES,
  TITLES,
} from './lexicon';
import { guessKind, looksLikeAState } from './entity-kind';
import type { SpeakerKindGuess } from './types';

// The cast of an article: everyone and everything it names, in the order it
// names them, so that "Mr Al Hijri" and "the sheikh" later in the text can be
// traced back to "Hikmat Al Hijri" where he was introduced.

/** `thing`: a named place, law or building ("Ferrand Road", "the Drava Waters Treaty"), which never speaks. */
export type EntityKind = SpeakerKindGuess | 'unknown' | 'thing';

export type Entity = {
  name: string;
  kind: EntityKind;
  gender?: 'm' | 'f';
  /** Role words the article attaches to the entity ("leader", "minister"). */
  roles: Set<string>;
  /** Other names for it in the article ("HTS"). */
  aliases: string[];
  /** Offsets where it is named; the first is where it is introduced. */
  namedAt: number[];
};

export type NameMention = {
  start: number;
  end: number;
  entity: Entity;
  title?: string;
  /** Where the name starts with its title ("Mr Al Hijri"). */
  from: number;
};

const JOIN_PARTICLES = new Set(['of', 'for', 'the']);
const normal = (s: string) => s.toLowerCase().replace(/[-‐]/g, ' ').replace(/\s+/g, ' ').trim();

export class Cast {
  readonly entities: Entity[] = [];
  readonly mentions: NameMention[] = [];

  readonly text: string;

  constructor(private readonly analysis: Analysis) {
    this.text = analysis.text;
    this.collect();
  }

  /** The entity for an institution named by a phrase ("French government"), made on first use. */
  institution(name: string, kind: EntityKind, at: number): Entity {
    const key = normal(name);
    const found = this.entities.find((e) => normal(e.name) === key);
    if (found) return found;
    const entity: Entity = { name, kind, roles: new Set(), aliases: [], namedAt: [at] };
    this.entities.push(entity);
    return entity;
  }

  /** True when only nouns and adjectives stand between two offsets ("Telecom operator Korvia Mobile"). */
  onlyNounsBetween(start: number, end: number): boolean {
    const between = this.analysis.tokens.filter((t) => t.start >= start && t.end <= end && t.pos !== 'SPACE');
    return between.length > 0 && between.every((t) => ['NOUN', 'ADJ', 'PROPN'].includes(t.pos));
  }

  /** Name mentions lying within [start, end), in text order. */
  namesIn(start: number, end: number): NameMention[] {
    // Mentions are pushed in text order, so a binary search finds the first one at or after `start`.
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    const found: NameMention[] = [];
    for (let k = lo; k < this.mentions.length && this.mentions[k]!.start < end; k++) {
      if (this.mentions[k]!.end <= end) found.push(this.mentions[k]!);
    }
    return found;
  }

  /** The entity a bare name refers to, looking only at what was named before `at`. */
  private match(words: string[], at: number, titled: boolean): Entity | undefined {
    const wanted = normal(words.join(' '));
    // "Mr Marek" is a person, never the company "Marek Developments".
    const candidates = this.entities
      .filter((e) => (e.namedAt[0] ?? 0) <= at && (!titled || e.kind === 'person' || e.kind === 'unknown'))
      .reverse();
    const exact = candidates.find((e) => normal(e.name) === wanted || e.aliases.some((a) => normal(a) === wanted));
    if (exact) return exact;
    // A short form: the family name ("Al Hijri"), or a single given or family name.
    // An organisation only by its first word ("Medivance" for Medivance Group): "Ostrevia" is not
    // the National Museum of Ostrevia.
    return candidates.find((e) => {
      const full = normal(e.name);
      if (e.kind === 'government') return false;
      if (e.kind === 'organisation') return words.length === 1 && full.split(' ')[0] === wanted;
      return full.endsWith(` ${wanted}`) || (words.length === 1 && full.split(' ').includes(wanted));
    });
  }

  private collect(): void {
    const { tokens, sentences } = this.analysis;
    const midSentence = new Set(
      tokens.filter((t, k) => sentences[t.sentence]?.firstToken !== k && isCapitalised(t.text)).map((t) => t.text),
    );
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      const sentence = sentences[t.sentence];
      const atStart = sentence !== undefined && sentence.firstToken === i;
      if (!nameToken(t, atStart) && !(atStart && gerundName(this.analysis, i))) {
        i++;
        continue;
      }
      const run: Token[] = [t];
      let j = i + 1;
      while (j < tokens.length) {
        const next = tokens[j]!;
        const gap = this.analysis.text.slice(run[run.length - 1]!.end, next.start);
        if (gap.length > 1 || /\n/.test(gap)) break;
        // wink splits some words with letters outside ASCII ("Kovač"): glue them back.
        if (gap === '' && /^\p{L}/u.test(next.text) && next.pos !== 'PART') {
          run.push(next);
          j++;
          continue;
        }
        // "Automotive Manufacturers' Association", "Prime Minister's Office": a possessive inside an institution's name.
        const after = tokens[j + 1];
        if (
          gap === '' &&
          /^['’]s?$/.test(next.text) &&
          after &&
          isCapitalised(after.text) &&
          (INSTITUTION_HEADS.has(after.text.toLowerCase()) ||
            (next.text.length === 1 && run.some((r) => INSTITUTION_HEADS.has(r.text.toLowerCase()))))
        ) {
          run.push(next, after);
          j += 2;
          continue;
        }
        if (next.text === '-' && gap === '' && nameToken(tokens[j + 1], false)) {
          run.push(next);
          j++;
          continue;
        }
        const lower = next.text.toLowerCase();
        const institutional = run.some(
          (r) => GOVERNMENT_WORDS.has(r.text.toLowerCase()) || ORGANISATION_WORDS.has(r.text.toLowerCase()),
        );
        if (NAME_PARTICLES.has(lower) && !isCapitalised(next.text)) {
          if (JOIN_PARTICLES.has(lower) && !institutional) break;
          // "Ministry for the Environment": particles in a row, then the name goes on.
          let k = j + 1;
          while (
            tokens[k] &&
            NAME_PARTICLES.has(tokens[k]!.text) &&
            this.text.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' '
          )
            k++;
          if (!nameToken(tokens[k], false) && tokens[k]?.text !== '-') break;
          run.push(...tokens.slice(j, k));
          j = k;
          continue;
        }
        // "Marlow & Finch": an ampersand between capitalised words joins one name.
        if (next.text === '&' && gap === ' ' && nameToken(tokens[j + 1], false)) {
          run.push(next);
          j++;
          continue;
        }
        if (!nameToken(next, false)) break;
        run.push(next);
        j++;
      }
      // "Tenants welcomed the move": a capitalised common noun opening a sentence is not a name
      // unless the article capitalises it elsewhere too.
      const doubtful =
        run.length === 1 &&
        atStart &&
        !STATES.has(t.text) &&
        !/^[\p{Lu}\d]+$/u.test(t.text) &&
        !midSentence.has(t.text) &&
        !actsAsAName(this.text, t);
      if (!doubtful) this.register(run, i);
      i = j;
    }
    for (const entity of this.entities)
      if (entity.kind === 'unknown' && looksLikeAState(entity.name, this.text)) entity.kind = 'government';
  }

  private register(run: Token[], index: number): void {
    // Split off leading titles and roles: "Foreign Minister Ana Silva" names Ana Silva.
    let first = 0;
    let title: string | undefined;
    const roles = new Set<string>();
    // Everything up to the last title or role is description: "German Chancellor Friedrich Weber".
    // Not inside an institution's own name, though: "Prime Minister's Office", "General Confederation of Labour".
    for (let k = run.length - 2; k >= 0; k--) {
      const word = run[k]!.text.toLowerCase().replace(/\.$/, '');
      if (TITLES.has(word) || PERSON_ROLES.has(word)) {
        const institutional = run.slice(k + 1).some((r) => INSTITUTION_HEADS.has(r.text.toLowerCase()));
        if (!institutional) first = k + 1;
        break;
      }
    }
    // "Broadcaster Continental Sports Network": a common noun before the name describes it.
    if (
      first === 0 &&
      run.length > 1 &&
      DESCRIPTORS.has(run[0]!.text.toLowerCase()) &&
      !INSTITUTION_HEADS.has(run[0]!.text.toLowerCase()) &&
      !NAME_PARTICLES.has(run[1]!.text.toLowerCase())
    )
      first = 1;
    for (const token of run.slice(0, first)) {
      const word = token.text.toLowerCase().replace(/\.$/, '');
      if (TITLES.has(word)) title = word;
      roles.add(word);
    }
    const nameTokens = run.slice(first);
    const from = run[0]!.start;
    if (nameTokens.length === 0) return;
    const words = this.wordsOf(nameTokens);
    const start = nameTokens[0]!.start;
    const end = nameTokens[nameTokens.length - 1]!.end;
    // Role words just before the name, in lower case: "spiritual leader Hikmat Al Hijri".
    for (let k = index - 1; k >= Math.max(0, index - 3); k--) {
      const word = this.analysis.tokens[k]!;
      if (!/^\p{Ll}/u.test(word.text)) break;
      if (
        PERSON_ROLES.has(word.lemma) ||
        PERSON_ROLES.has(word.text) ||
        DESCRIPTORS.has(word.text) ||
        INSTITUTION_NOUNS.has(word.text)
      )
        roles.add(word.text);
    }
    for (const role of this.appositiveRoles(end)) roles.add(role);
    const existing = this.match(words, start, title !== undefined && TITLES.get(title) !== undefined);
    let kind = guessKind(words, title);
    // "campaign group Clear Skies", "telecom operator Korvia Mobile": what the article calls it says what it is.
    const described = [...roles].some((r) => DESCRIPTORS.has(r) || INSTITUTION_NOUNS.has(r));
    if (kind === 'person' && !title && described && ![...roles].some((r) => PERSON_ROLES.has(r))) kind = 'organisation';
    const entity: Entity = existing ?? { name: words.join(' '), kind, roles, aliases: [], namedAt: [] };
    if (!existing) this.entities.push(entity);
    else if (words.length > entity.name.split(' ').length && normal(words.join(' ')).endsWith(normal(entity.name)))
      entity.name = words.join(' ');
    for (const role of roles) entity.roles.add(role);
    const gender = title ? TITLES.get(title) : undefined;
    if (gender) entity.gender = gender;
    if (title && entity.kind === 'unknown') entity.kind = 'person';
    // "the harbour in Porto Vell", "hotels across Montverd": somewhere, not someone.
    if (entity.kind === 'person' && !title && !entity.gender && usedAsPlace(this.text, from, end)) entity.kind = 'unknown';
    entity.namedAt.push(start);
    this.mentions.push({ start, end, entity, title, from: title ? from : start });
    // "Hayat Tahrir Al Sham (HTS)": the acronym names the same entity.
    const after = this.analysis.text.slice(end, end + 12).match(/^ \((\p{Lu}[\p{Lu}\d]{1,7})\)/u);
    if (after?.[1]) {
      entity.aliases.push(after[1]);
      if (entity.kind === 'unknown' || entity.kind === 'person') entity.kind = 'organisation';
    }
  }

  /** "Ms Okafor, the union's leader, said", "Living Rivers, a conservation group, said": what an appositive after the name calls it. */
  private appositiveRoles(end: number): string[] {
    const after = this.analysis.text
      .slice(end, end + 80)
      .match(/^,\s+(?:the|a|an|its|his|her)\s+([^,.;:“”"«»]{1,100}?)(?:,|\.|\s+(?:said|says|told|added))/u);
    if (!after?.[1]) return [];
    return after[1]
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/'s$|’s$/, ''))
      .filter((w) => PERSON_ROLES.has(w) || DESCRIPTORS.has(w) || INSTITUTION_NOUNS.has(w));
  }

  private wordsOf(tokens: Token[]): string[] {
    // Rebuild "Jean-Luc" and "al-Hijri" as single words.
    const text = this.analysis.text.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
    return text.split(/\s+/).filter(Boolean);
  }
}
