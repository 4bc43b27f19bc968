import { Prisma, type Db } from '../db/client';
import { ValidationError } from '../http/errors';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import { findSpeakerId } from '../speakers/speakers.service';
import { findTopicId } from '../topics/topics.service';
import { cardSelect, statementCoreSelect, type CardRow } from './statement-card';
import { MAX_ID, type StatementFilters } from './statements.schema';

/** Everything the API says about a statement; relations by id only. */
export const recordSelect = {
  ...statementCoreSelect,
  originalText: true,
  originalLanguage: true,
  place: true,
  context: true,
  attribution: true,
  sourceUnknown: true,
  createdAt: true,
  sources: {
    select: {
      source: {
        select: { publisher: true, title: true, url: true, publishedOn: true, publishedOnPrecision: true, archivedUrl: true },
      },
    },
    orderBy: { sourceId: 'asc' },
  },
  relationsFrom: { select: { kind: true, toId: true }, orderBy: { id: 'asc' } },
  relationsTo: { select: { kind: true, fromId: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.StatementSelect;

/** What the permalink shows of a related statement: who, when, and the words. */
const relatedSelect = {
  id: true,
  kind: true,
  text: true,
  language: true,
  saidOn: true,
  saidOnPrecision: true,
  speaker: { select: { slug: true, name: true } },
} satisfies Prisma.StatementSelect;

/** The permalink: the record plus the statements it relates to, in both directions. */
export const detailSelect = {
  ...recordSelect,
  relationsFrom: { select: { kind: true, toId: true, to: { select: relatedSelect } }, orderBy: { id: 'asc' } },
  relationsTo: { select: { kind: true, fromId: true, from: { select: relatedSelect } }, orderBy: { id: 'asc' } },
} satisfies Prisma.StatementSelect;

export type StatementRecord = Prisma.StatementGetPayload<{ select: typeof recordSelect }>;
export type StatementDetail = Prisma.StatementGetPayload<{ select: typeof detailSelect }>;

/** Ids are positive int4; anything else cannot name a statement. */
export function parseStatementId(raw: string): number | undefined {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id <= MAX_ID ? id : undefined;
}

export async function findStatementDetail(db: Db, id: number): Promise<StatementDetail | null> {
  return db.statement.findUnique({ where: { id }, select: detailSelect });
}

export async function findStatementRecord(db: Db, id: number): Promise<StatementRecord | null> {
  return db.statement.findUnique({ where: { id }, select: recordSelect });
}

export type ResolvedFilters = {
  speakerId?: number;
  topicId?: number;
  stance?: StatementFilters['stance'];
  kind?: StatementFilters['kind'];
};

/**
 * The filters with their slugs turned into ids. An unknown speaker or topic
 * slug is a ValidationError naming the parameter rather than an empty list: a
 * typo in a link or an API call should say so, not look like "nothing on record".
 */
async function resolveFilters(db: Db, filters: StatementFilters): Promise<ResolvedFilters> {
  const [speakerId, topicId] = await Promise.all([
    filters.speaker ? findSpeakerId(db, filters.speaker) : undefined,
    filters.topic ? findTopicId(db, filters.topic) : undefined,
  ]);
  const errors: Record<string, string> = {};
  if (filters.speaker && speakerId === undefined) errors.speaker = `No speaker with the slug "${filters.speaker}"`;
  if (filters.topic && topicId === undefined) errors.topic = `No topic with the slug "${filters.topic}"`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { speakerId, topicId, stance: filters.stance, kind: filters.kind };
}

/**
 * One page of the ids of the statements that fit the filters, newest first,
 * undated last, ties by id (newest first); one more than the page to tell
 * whether another follows. Only ids are skipped over, walking an index
 * (positions by topic, or statements by speaker or by date), and the page's
 * rows are read afterwards: skipping whole rows made page 1,000 of a popular
 * topic take a second at a million statements.
 *
 * With a topic, the positions index (topic, date, statement) is walked
 * backwards for the dated ones and then the undated ones: one index order
 * cannot put the newest first and the undated last at once.
 */
async function statementIdsPage(db: Db, f: ResolvedFilters, page: PageRequest): Promise<number[]> {
  const { skip, take } = pageWindow(page);
  const reach = skip + take;
  const kindJoin = f.kind
    ? Prisma.sql`JOIN statements s ON s.id = p.statement_id AND s.kind = ${f.kind}::statement_kind`
    : Prisma.empty;
  const onPosition = [
    f.speakerId !== undefined ? Prisma.sql`AND p.speaker_id = ${f.speakerId}` : Prisma.empty,
    f.stance ? Prisma.sql`AND p.stance = ${f.stance}::stance` : Prisma.empty,
  ];
  const andPosition = Prisma.sql`${onPosition[0]} ${onPosition[1]}`;
  if (f.topicId !== undefined) {
    const rows = await db.$queryRaw<{ id: number }[]>`
      SELECT id FROM (
        (SELECT p.statement_id AS id, p.said_on FROM positions p ${kindJoin}
         WHERE p.topic_id = ${f.topicId} AND p.said_on IS NOT NULL ${andPosition}
         ORDER BY p.said_on DESC, p.statement_id DESC LIMIT ${reach})
        UNION ALL
        (SELECT p.statement_id, p.said_on FROM positions p ${kindJoin}
         WHERE p.topic_id = ${f.topicId} AND p.said_on IS NULL ${andPosition}
         ORDER BY p.statement_id DESC LIMIT ${reach})
      ) found
      ORDER BY said_on DESC NULLS LAST, id DESC OFFSET ${skip} LIMIT ${take}`;
    return rows.map((r) => r.id);
  }
  // A stance on any topic: each statement once, however many of its positions take it.
  const stance = f.stance
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM positions p WHERE p.statement_id = s.id AND p.stance = ${f.stance}::stance)`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM statements s
    WHERE true ${f.speakerId !== undefined ? Prisma.sql`AND s.speaker_id = ${f.speakerId}` : Prisma.empty}
      ${f.kind ? Prisma.sql`AND s.kind = ${f.kind}::statement_kind` : Prisma.empty} ${stance}
    ORDER BY s.said_on DESC NULLS LAST, s.id DESC OFFSET ${skip} LIMIT ${take}`;
  return rows.map((r) => r.id);
}

/** The rows for ids, in the ids' order. */
function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listStatementRecords(db: Db, filters: StatementFilters, page: PageRequest): Promise<Page<StatementRecord>> {
  const ids = await statementIdsPage(db, await resolveFilters(db, filters), page);
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: recordSelect });
  return toPage(inOrder(ids, rows), page);
}

export async function listStatementCards(db: Db, filters: StatementFilters, page: PageRequest): Promise<Page<CardRow>> {
  return statementCardsPage(db, await resolveFilters(db, filters), page);
}

/** A page of statement cards by ids already resolved (a speaker's page knows its speaker). */
export async function statementCardsPage(db: Db, filters: ResolvedFilters, page: PageRequest): Promise<Page<CardRow>> {
  const ids = await statementIdsPage(db, filters, page);
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: cardSelect });
  return toPage(inOrder(ids, rows), page);
}

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
