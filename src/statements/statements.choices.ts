import type { Db } from '../db/client';

// What the statement forms and filters offer to choose from, and how a typed
// speaker or topic name resolves to a record: bounded queries, so that a
// million statements or twenty thousand speakers never reach a page whole.

export type Choice = { slug: string; name: string };

/** The form suggests this many speakers; any other is reached by typing its name, an alias or its slug. */
export const SPEAKER_SUGGESTIONS = 200;
/** Topics stay a select, but a bounded one; past it a topic is reached by typing its name as a new topic. */
export const TOPIC_CHOICES = 1000;

export type StatementFormChoices = { speakers: Choice[]; topics: Choice[]; topicsCut: boolean };

/** How many of the newest statements are read to find the speakers quoted most recently. */
const RECENT_STATEMENTS_READ = 5000;

/**
 * The speakers quoted most recently (among the newest statements), then the
 * most recently added or updated ones, by name: one bounded query.
 */
export async function recentSpeakers(db: Db): Promise<Choice[]> {
  // LATERAL: one primary-key probe per suggestion, where a join hashed all the speakers (1M: 14 → 5 ms).
  const recent = await db.$queryRaw<Choice[]>`
    WITH quoted AS (
      SELECT speaker_id, max(created_at) AS at
      FROM (SELECT speaker_id, created_at FROM statements ORDER BY created_at DESC, id DESC LIMIT ${RECENT_STATEMENTS_READ}) newest
      GROUP BY speaker_id
    ), touched AS (
      SELECT id AS speaker_id, updated_at AS at FROM speakers ORDER BY updated_at DESC, id DESC LIMIT ${SPEAKER_SUGGESTIONS}
    ), ranked AS (
      SELECT speaker_id, max(quoted) AS quoted, max(at) AS at
      FROM (SELECT speaker_id, 1 AS quoted, at FROM quoted UNION ALL SELECT speaker_id, 0, at FROM touched) both_lists
      GROUP BY speaker_id
      ORDER BY max(quoted) DESC, max(at) DESC, speaker_id DESC
      LIMIT ${SPEAKER_SUGGESTIONS}
    )
    SELECT s.slug, s.name FROM ranked CROSS JOIN LATERAL (SELECT slug, name FROM speakers WHERE id = ranked.speaker_id) s`;
  return recent.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug, 'en'));
}

/**
 * The add-a-statement form's choices, each one bounded query: the recent
 * speakers, and the first topics by name. `topicsCut` says that there are
 * more topics than listed.
 */
export async function statementFormChoices(db: Db): Promise<StatementFormChoices> {
  const [speakers, topics] = await Promise.all([
    recentSpeakers(db),
    db.topic.findMany({
      select: { slug: true, name: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: TOPIC_CHOICES + 1,
    }),
  ]);
  return { speakers, topics: topics.slice(0, TOPIC_CHOICES), topicsCut: topics.length > TOPIC_CHOICES };
}

/** A filter suggests this many topics, those spoken on most recently; any other is typed (name or slug). */
export const TOPIC_SUGGESTIONS = 100;
/** How many of the newest positions are read to find the topics spoken on most recently. */
const RECENT_POSITIONS_READ = 3000;

export type FilterSuggestions = { speakers: Choice[]; topics: Choice[] };

/**
 * What the search, list and comparison filters suggest as you type: the recent
 * speakers and the topics of the newest positions, by name. A select of every
 * topic grew with the collection (2,000 topics: 60 KB of options on each
 * page, and those past the first thousand could not be chosen).
 */
export async function filterSuggestions(db: Db): Promise<FilterSuggestions> {
  const [speakers, topics] = await Promise.all([
    recentSpeakers(db),
    db.$queryRaw<Choice[]>`
      SELECT t.slug, t.name
      FROM (
        SELECT topic_id FROM (SELECT topic_id, id FROM positions ORDER BY id DESC LIMIT ${RECENT_POSITIONS_READ}) newest
        GROUP BY topic_id ORDER BY max(id) DESC LIMIT ${TOPIC_SUGGESTIONS}
      ) recent
      CROSS JOIN LATERAL (SELECT slug, name FROM topics WHERE id = recent.topic_id) t`,
  ]);
  return { speakers, topics: topics.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug, 'en')) };
}

/**
 * The slug of the topic a filter names (its slug, or its name ignoring case),
 * or the message to show beside the field.
 */
export async function topicFilterSlug(db: Db, typed: string): Promise<{ slug?: string; error?: string }> {
  const value = typed.trim();
  if (value === '') return {};
  const [row] = await db.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM (
      (SELECT slug, 0 AS rank, id FROM topics WHERE slug = ${value} LIMIT 1)
      UNION ALL
      (SELECT slug, 1, id FROM topics WHERE lower(name) = lower(${value}) ORDER BY id LIMIT 1)
    ) found ORDER BY rank LIMIT 1`;
  return row ? { slug: row.slug } : { error: `No topic has the name or the slug "${value}"` };
}

/**
 * What a typed speaker reference names: one speaker, several (a shared name
 * or alias, so the user must say which), or none. `via` says which rule matched;
 * `more`, that more speakers share it than are listed.
 */
export type SpeakerReference =
  | { match: 'one'; speaker: Choice }
  | { match: 'several'; via: 'name' | 'alias'; speakers: Choice[]; more: boolean }
  | { match: 'none' };

/** An ambiguous reference lists at most this many speakers; `more` says whether there are others. */
export const AMBIGUOUS_SHOWN = 5;

/**
 * Resolves what was typed in a speaker field, first rule that matches wins:
 * the exact slug (slugs are lower case, so typed capitals are forgiven), then
 * the exact name ignoring case, then an exact alias ignoring case (index
 * speaker_aliases_lower_name_idx). Compared with lower() = lower(), not
 * Prisma's insensitive `equals`, which is ILIKE and would read % and _ as wildcards.
 */
export async function resolveSpeakerReference(db: Db, typed: string): Promise<SpeakerReference> {
  const text = typed.trim();
  if (text === '') return { match: 'none' };
  const bySlug = await db.speaker.findMany({
    where: { slug: { in: [...new Set([text, text.toLowerCase()])] } },
    select: { slug: true, name: true },
  });
  const slugMatch = bySlug.find((s) => s.slug === text) ?? bySlug[0];
  if (slugMatch) return { match: 'one', speaker: slugMatch };
  const named = await speakersNamed(db, text);
  if (named.length > 0) return oneOrSeveral(named, 'name');
  const aliased = await speakersAliased(db, text);
  if (aliased.length > 0) return oneOrSeveral(aliased, 'alias');
  return { match: 'none' };
}

const oneOrSeveral = (speakers: Choice[], via: 'name' | 'alias'): SpeakerReference =>
  speakers.length === 1
    ? { match: 'one', speaker: speakers[0]! }
    : { match: 'several', via, speakers: speakers.slice(0, AMBIGUOUS_SHOWN), more: speakers.length > AMBIGUOUS_SHOWN };

function speakersNamed(db: Db, text: string): Promise<Choice[]> {
  return db.$queryRaw<Choice[]>`
    SELECT slug, name FROM speakers WHERE lower(name) = lower(${text}) ORDER BY id LIMIT ${AMBIGUOUS_SHOWN + 1}`;
}

function speakersAliased(db: Db, text: string): Promise<Choice[]> {
  return db.$queryRaw<Choice[]>`
    SELECT s.slug, s.name FROM speakers s
    WHERE s.id IN (SELECT speaker_id FROM speaker_aliases WHERE lower(name) = lower(${text}))
    ORDER BY s.id LIMIT ${AMBIGUOUS_SHOWN + 1}`;
}

/**
 * What the Speaker field shows for `?speaker=<slug>`: the speaker's name, or
 * the slug when the name alone would not lead back to this speaker (another
 * speaker has the same name). An unknown slug is shown as it is.
 */
export async function speakerFieldText(db: Db, slug: string): Promise<string> {
  const speaker = slug.trim() === '' ? null : await db.speaker.findUnique({ where: { slug }, select: { name: true } });
  if (!speaker) return slug;
  const byName = await resolveSpeakerReference(db, speaker.name);
  return byName.match === 'one' && byName.speaker.slug === slug ? speaker.name : slug;
}
