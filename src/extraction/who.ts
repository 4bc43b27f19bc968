import type { Cast, Entity } from './cast';
import { GOVERNMENT_WORDS, INSTITUTION_NOUNS, PERSON_ROLES, PRONOUNS, STATEMENT_NOUNS } from './lexicon';
import type { ProposedSpeaker, SpeakerKindGuess } from './types';

// Who a subject phrase ("Mr Al Hijri", "he", "the ministry", "an official
// statement") refers to, given what the article has named and who has spoken
// so far. Called in text order, so "so far" is always what a reader has seen.

const isInstitution = (e: Entity) => e.kind === 'government' || e.kind === 'organisation';

export class Resolver {
  /** Speakers in the order they were attributed, most recent last. */
  private readonly spoken: { entity: Entity; at: number }[] = [];
  /** Offsets of sentence starts, to tell a sentence's subject from other names in it. */
  private readonly sentenceStarts: number[];

  constructor(
    private readonly cast: Cast,
    sentenceStarts: number[],
    /** True inside quote marks: a name someone quotes is no antecedent for "he said" after it, nor a subject. */
    readonly isQuoted: (at: number) => boolean = () => false,
  ) {
    this.sentenceStarts = sentenceStarts;
  }

  /** Records that `entity` spoke at `at`, so pronouns and role nouns after it can point back. */
  spoke(entity: Entity, at: number): void {
    this.spoken.push({ entity, at });
  }

  private isSubject(offset: number): boolean {
    // A name within the first few words of its sentence is, in news prose, nearly always its subject.
    let lo = 0;
    for (const s of this.sentenceStarts) if (s <= offset) lo = s;
    return offset - lo <= 25;
  }

  /**
   * The speaker a phrase names, or null. `start` is the phrase's offset in the
   * article; only entities named before its end are considered.
   */
  resolve(phrase: string, start: number): (ProposedSpeaker & { entity: Entity }) | null {
    const trimmed = phrase.replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '');
    if (!trimmed) return null;
    const offset = start + phrase.indexOf(trimmed);
    const span = { start: offset, end: offset + trimmed.length };
    const as = (entity: Entity | undefined) =>
      entity && entity.kind !== 'thing'
        ? {
            entity,
            name: entity.name,
            mention: trimmed,
            mentionSpan: span,
            kind: entity.kind === 'unknown' ? ('organisation' as const) : (entity.kind as SpeakerKindGuess),
          }
        : null;

    const words = trimmed.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase().replace(/['’]s$/u, ''));
    const pronoun = PRONOUNS.get(lower[0] ?? '');
    if (pronoun && (words.length === 1 || !/^\p{Lu}/u.test(words[1] ?? ''))) {
      return as(pronoun.kind === 'person' ? this.recentPerson(offset, pronoun.gender) : this.recentInstitution(offset));
    }

    // "a spokesperson for the Ministry of Health": the institution speaks.
    const forWhom = trimmed.match(
      /^(?:an?|the)\s+(?:[\p{L}-]+\s+)?(?:spokes(?:man|woman|person)|official|source|representative|statement|lawyer|aide)s?\s+(?:for|of|from|at)\s+(.+)$/iu,
    );
    if (forWhom?.[1]) {
      const inner = this.resolve(forWhom[1], offset + trimmed.length - forWhom[1].length);
      if (inner) return { ...inner, mention: trimmed, mentionSpan: span };
    }

    // "the clubs' association, the League of Professional Clubs": a name in apposition says who.
    const comma = trimmed.indexOf(', ');
    // …but "Viktor Halasz, a Liberty Party MP who voted against it" is Viktor Halasz.
    const headName = comma > 0 && this.isBareName(trimmed.slice(0, comma), offset);
    if (comma > 0 && !headName) {
      const rest = trimmed.slice(comma + 2).replace(/[,.]\s*$/, '');
      const restAt = offset + comma + 2;
      const apposed = this.cast.namesIn(restAt, restAt + rest.length)[0];
      if (apposed && apposed.from - restAt <= 4) return this.resolve(rest, restAt);
    }

    // A name among the phrase's first words is its subject ("Mr Al Hijri has angered Damascus by").
    const lead = offset + (trimmed.match(/^(?:\S+\s+){0,4}/u)?.[0].length ?? 0) + 1;
    const names = this.cast.namesIn(span.start, span.end).filter((m) => m.start <= lead);
    const named = names[0];
    if (named) {
      // "Germany's Olaf Scholz": the person, not the country, is the speaker.
      const second = names[1];
      const between = second ? this.cast.text.slice(named.end, second.from).toLowerCase() : '';
      // "Germany's Olaf Scholz", "Korvia's opposition Civic Union", "Syrian Druze spiritual leader
      // Hikmat Al Hijri": the later name is the head.
      const modifier =
        second &&
        (/^['’]s\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}$/u.test(between) ||
          between.split(/\s+/).some((w) => PERSON_ROLES.has(w)) ||
          /^\s+$/.test(between) ||
          (/^\s+(?:\p{Ll}[\p{Ll}-]*\s+){1,2}$/u.test(between) && this.cast.onlyNounsBetween(named.end, second.from)));
      const chosen = modifier ? second : named;
      // "The French government", "the Chilean embassy": the institution the name qualifies speaks.
      const institution = this.cast.text.slice(chosen.end, chosen.end + 40).match(/^ ([\p{Ll}]+)(?: ([\p{Ll}]+))?/u);
      const noun = [institution?.[2], institution?.[1]].find((w) => w && INSTITUTION_NOUNS.has(w));
      if (noun && chosen.entity.kind !== 'person' && !/^(?:of|for)$/.test(institution?.[1] ?? '')) {
        const end = chosen.end + institution![0].indexOf(noun) + noun.length;
        const name = this.cast.text.slice(chosen.start, end);
        const entity = this.cast.institution(
          name,
          noun === 'government' || GOVERNMENT_WORDS.has(noun) ? 'government' : 'organisation',
          chosen.start,
        );
        const speaker = as(entity);
        return (
          speaker && { ...speaker, mention: this.cast.text.slice(chosen.from, end), mentionSpan: { start: chosen.from, end } }
        );
      }
      const words = this.cast.text.slice(chosen.from, chosen.end);
      // A named road or treaty (kind 'thing') speaks for no one.
      const speaker = as(chosen.entity);
      return speaker && { ...speaker, mention: words, mentionSpan: { start: chosen.from, end: chosen.end } };
    }

    // "the prime minister's office", "the mayor's office": that office speaks, as an institution.
    const office = trimmed.match(/^the\s+((?:[\p{Ll}-]+\s+)?[\p{Ll}-]+)['’]s\s+office$/u);
    if (office?.[1] && PERSON_ROLES.has(office[1].split(/\s+/).pop()!)) {
      const name = `${office[1].replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase())}'s Office`;
      return as(this.cast.institution(name, 'government', offset));
    }

    // "the minister", "the group's leader", "the foreign ministry", "an official statement".
    const determiner = ['the', 'a', 'an', 'its', 'his', 'her', 'their'].includes(lower[0] ?? '');
    if (!determiner && words.length > 1) return null;
    let head: string | undefined;
    for (const w of lower.slice(0, 5)) {
      if (PERSON_ROLES.has(w) || INSTITUTION_NOUNS.has(w) || STATEMENT_NOUNS.has(w)) head = w;
      else if (head) break;
    }
    if (!head && lower[0] === 'officials') head = 'officials';
    if (!head) return null;
    if (STATEMENT_NOUNS.has(head) || head === 'officials' || /^spokes/.test(head)) return as(this.recentInstitution(offset));
    if (PERSON_ROLES.has(head) && !INSTITUTION_NOUNS.has(head))
      return as(this.withRole(head, offset) ?? this.recentPerson(offset));
    return as(this.recentInstitution(offset, head));
  }

  /** The speaker named last within [start, end). */
  lastName(start: number, end: number) {
    const names = this.cast.namesIn(start, end);
    const last = names[names.length - 1];
    return last ? this.resolve(this.cast.text.slice(last.from, last.end), last.from) : null;
  }

  /** True when the phrase is nothing but a name (with its title): "Ana Silva", "Mr Al Hijri". */
  isBareName(phrase: string, start: number): boolean {
    const trimmed = phrase.trim().replace(/^the\s+/i, '');
    const offset = start + phrase.indexOf(trimmed);
    return this.cast.namesIn(offset, offset + trimmed.length).some((m) => m.from <= offset && m.end >= offset + trimmed.length);
  }

  private before(offset: number) {
    return (e: Entity) => (e.namedAt[0] ?? Infinity) < offset;
  }

  private recentPerson(offset: number, gender?: 'm' | 'f'): Entity | undefined {
    const fits = (e: Entity) => e.kind === 'person' && (!gender || !e.gender || e.gender === gender) && this.before(offset)(e);
    // The most recent of: the last person to speak, and the last person named as a sentence's subject.
    const lastSpeaker = [...this.spoken].reverse().find((s) => fits(s.entity) && s.at < offset);
    let subject: { entity: Entity; at: number } | undefined;
    let named: Entity | undefined;
    for (const m of this.cast.mentions) {
      if (m.start >= offset) break;
      if (!fits(m.entity) || this.isQuoted(m.start)) continue;
      named = m.entity;
      if (this.isSubject(m.start)) subject = { entity: m.entity, at: m.start };
    }
    if (lastSpeaker && (!subject || lastSpeaker.at >= subject.at)) return lastSpeaker.entity;
    return subject?.entity ?? named;
  }

  private withRole(role: string, offset: number): Entity | undefined {
    return [...this.cast.entities].reverse().find((e) => e.roles.has(role) && this.before(offset)(e));
  }

  private recentInstitution(offset: number, noun?: string): Entity | undefined {
    // "Medivance said … The company also promised": a one-word name of no known kind can be the institution a noun means.
    const fits = (e: Entity) => (isInstitution(e) || (noun !== undefined && e.kind === 'unknown')) && this.before(offset)(e);
    if (noun) {
      const byName = [...this.cast.entities].reverse().find((e) => fits(e) && e.name.toLowerCase().split(/\s+/).includes(noun));
      if (byName) return byName;
    }
    // As for people: the more recent of the last institution to speak and the last one named as a
    // sentence's subject ("Norrail announced … It said"), else the last one named.
    // A one-word name of no known kind that has spoken ("Norrail said in a statement") is an institution too.
    const spokeAs = (e: Entity) => fits(e) || (e.kind === 'unknown' && this.before(offset)(e));
    const lastSpeaker = [...this.spoken].reverse().find((s) => spokeAs(s.entity) && s.at < offset);
    let subject: { entity: Entity; at: number } | undefined;
    let best: Entity | undefined;
    for (const m of this.cast.mentions) {
      if (m.start >= offset) break;
      if (!fits(m.entity) || this.isQuoted(m.start)) continue;
      best = m.entity;
      if (this.isSubject(m.start)) subject = { entity: m.entity, at: m.start };
    }
    if (lastSpeaker && (!subject || lastSpeaker.at >= subject.at)) return lastSpeaker.entity;
    return subject?.entity ?? lastSpeaker?.entity ?? best;
  }
}
