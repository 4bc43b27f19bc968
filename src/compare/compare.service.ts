import { Prisma, type Db } from '../db/client';
import type { FieldErrors } from '../http/errors';
import { filterSuggestions, type FilterSuggestions } from '../statements/statements.choices';
import type { DatePrecision, SpeakerKind, Stance, StatementKind } from '../generated/prisma/enums';
import { resolveSpeakers, resolveTopics, type ChosenSpeaker, type ChosenTopic } from './compare.references';
import { SPEAKERS_PER_PAGE, validateCompareRequest, type CompareInput, type CompareRequest } from './compare.schema';

// The comparison grid: speakers as rows, topics as columns, each cell the
// speaker's current stance on the topic (the current_stances row) with the
// statement behind it. Whatever the size of the grid, it is read in a fixed
// number of queries: the references, the rows (named, or one page of a kind
// or country), and the cells, all of them in one query.

export type GridSpeaker = { id: number; slug: string; name: string; kind: SpeakerKind };

export type GridCell = {
  speakerId: number;
  topicId: number;
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statement: { id: number; kind: StatementKind; text: string; language: string };
  /** Set when the stance is unclear because the speaker contradicted themselves within the window (src/statements/current-stance.ts). */
  conflictingStatementId: number | null;
};

export type Comparison = {
  topics: ChosenTopic[];
  speakers: GridSpeaker[];
  cells: GridCell[];
  /** The speakers as named, when they were named (the rows, in that order). */
  named: ChosenSpeaker[] | undefined;
  /** The speakers chosen by what they are, when they were not named: one page of them, by name. */
  filter: { kind: SpeakerKind | undefined; country: string | undefined; page: number; hasNext: boolean } | undefined;
};

/** The longest part of a quote a cell carries; the permalink has the rest. */
const TEXT_READ = 300;

type CellRow = {
  speaker_id: number;
  topic_id: number;
  stance: Stance;
  strength: number;
  said_on: Date | null;
  said_on_precision: DatePrecision | null;
  statement_id: number;
  statement_kind: StatementKind;
  text: string;
  language: string;
  conflicting_statement_id: number | null;
};

/**
 * Every cell in one query: one primary-key probe of current_stances per
 * (speaker, topic) pair, at most 50 × 20. (`= ANY` on both columns let the
 * planner read every stance of prolific speakers and filter: 57,000 rows for
 * 1,000 cells. The LIMIT 1 keeps the probe a probe.)
 */
async function gridCells(db: Db, speakerIds: number[], topicIds: number[]): Promise<GridCell[]> {
  if (speakerIds.length === 0 || topicIds.length === 0) return [];
  const rows = await db.$queryRaw<CellRow[]>`
    SELECT cs.speaker_id, cs.topic_id, cs.stance::text AS stance, cs.strength::int AS strength,
           cs.said_on, cs.said_on_precision::text AS said_on_precision, cs.conflicting_statement_id,
           st.id AS statement_id, st.kind::text AS statement_kind, left(st.text, ${TEXT_READ}) AS text, st.language
    FROM unnest(${speakerIds}::int[]) AS sp(id)
    CROSS JOIN unnest(${topicIds}::int[]) AS tp(id)
    CROSS JOIN LATERAL (
      SELECT * FROM current_stances c WHERE c.speaker_id = sp.id AND c.topic_id = tp.id LIMIT 1
    ) cs
    JOIN statements st ON st.id = cs.statement_id`;
  return rows.map((r) => ({
    speakerId: r.speaker_id,
    topicId: r.topic_id,
    stance: r.stance,
    strength: r.strength,
    saidOn: r.said_on,
    saidOnPrecision: r.said_on_precision,
    statement: { id: r.statement_id, kind: r.statement_kind, text: r.text, language: r.language },
    conflictingStatementId: r.conflicting_statement_id,
  }));
}

/**
 * One page of the speakers of a kind and/or country (or of any speaker) with
 * a current stance on at least one of the topics, by name. Walking speakers by
 * name and probing current_stances by its primary key stops after a page.
 */
async function speakersWithStances(
  db: Db,
  topicIds: number[],
  filter: { kind: SpeakerKind | undefined; country: string | undefined; page: number },
): Promise<{ speakers: GridSpeaker[]; hasNext: boolean }> {
  const conditions = [
    Prisma.sql`EXISTS (SELECT 1 FROM current_stances cs WHERE cs.speaker_id = s.id AND cs.topic_id = ANY(${topicIds}::int[]))`,
  ];
  if (filter.kind) conditions.push(Prisma.sql`s.kind = ${filter.kind}::speaker_kind`);
  if (filter.country) conditions.push(Prisma.sql`lower(s.country) = lower(${filter.country})`);
  const rows = await db.$queryRaw<GridSpeaker[]>`
    SELECT s.id, s.slug, s.name, s.kind::text AS kind
    FROM speakers s
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY s.name, s.id
    OFFSET ${(filter.page - 1) * SPEAKERS_PER_PAGE} LIMIT ${SPEAKERS_PER_PAGE + 1}`;
  return { speakers: rows.slice(0, SPEAKERS_PER_PAGE), hasNext: rows.length > SPEAKERS_PER_PAGE };
}

/** The grid for valid input and the topics and speakers it names. */
async function buildComparison(db: Db, input: CompareInput, topics: ChosenTopic[], named: ChosenSpeaker[]): Promise<Comparison> {
  const topicIds = topics.map((t) => t.id);
  if (input.speakers.length > 0) {
    const speakers = named.map(({ id, slug, name, kind }) => ({ id, slug, name, kind }));
    const cells = await gridCells(
      db,
      speakers.map((s) => s.id),
      topicIds,
    );
    return { topics, speakers, cells, named, filter: undefined };
  }
  const filter = { kind: input.kind, country: input.country, page: input.page };
  const page = await speakersWithStances(db, topicIds, filter);
  const cells = await gridCells(
    db,
    page.speakers.map((s) => s.id),
    topicIds,
  );
  return { topics, speakers: page.speakers, cells, named: undefined, filter: { ...filter, hasNext: page.hasNext } };
}

/** The shareable address's parameters, in a fixed order: slugs only, the page only past the first. */
export function canonicalParams(c: Comparison): [string, string][] {
  const params: [string, string][] = [['topics', c.topics.map((t) => t.slug).join(',')]];
  if (c.named) params.push(['speakers', c.named.map((s) => s.slug).join(',')]);
  if (c.filter?.kind) params.push(['kind', c.filter.kind]);
  if (c.filter?.country) params.push(['country', c.filter.country]);
  if (c.filter && c.filter.page > 1) params.push(['page', String(c.filter.page)]);
  return params;
}

/** `topics=a,b&speakers=x`: the commas between slugs left as they are, everything else encoded. */
export function queryString(params: [string, string][]): string {
  const encode = (key: string, value: string) =>
    key === 'topics' || key === 'speakers' ? value.split(',').map(encodeURIComponent).join(',') : encodeURIComponent(value);
  return params.map(([key, value]) => `${key}=${encode(key, value)}`).join('&');
}

/** Whether the request already is the shareable address (else the page redirects to it). */
export function isCanonical(query: Record<string, unknown>, params: [string, string][], ignore: string[] = []): boolean {
  const keys = Object.keys(query).filter((k) => !ignore.includes(k));
  return keys.length === params.length && params.every(([k, v]) => query[k] === v);
}

/** An example for the empty page: the topic stated on most recently, some of its speakers and their other topics. */
export async function exampleParams(db: Db): Promise<[string, string][] | undefined> {
  const rows = await db.$queryRaw<{ what: 'topic' | 'speaker'; slug: string }[]>`
    WITH t AS (SELECT topic_id FROM positions ORDER BY id DESC LIMIT 1),
    s AS (
      SELECT cs.speaker_id, row_number() OVER (ORDER BY cs.stance, cs.said_on DESC NULLS LAST, cs.speaker_id) AS ord
      FROM current_stances cs
      WHERE cs.topic_id = (SELECT topic_id FROM t)
      ORDER BY cs.stance, cs.said_on DESC NULLS LAST, cs.speaker_id LIMIT 6
    ),
    tt AS (
      SELECT topic_id, row_number() OVER (ORDER BY bool_or(topic_id = (SELECT topic_id FROM t)) DESC, count(*) DESC, topic_id) AS ord
      FROM current_stances WHERE speaker_id IN (SELECT speaker_id FROM s)
      GROUP BY topic_id
      ORDER BY ord LIMIT 4
    )
    SELECT what, slug FROM (
      SELECT 'topic' AS what, tp.slug, tt.ord FROM tt JOIN topics tp ON tp.id = tt.topic_id
      UNION ALL
      SELECT 'speaker', sp.slug, s.ord FROM s JOIN speakers sp ON sp.id = s.speaker_id
    ) example
    ORDER BY what DESC, ord`;
  const slugs = (what: string) => rows.filter((r) => r.what === what).map((r) => r.slug);
  if (slugs('topic').length === 0) return undefined;
  return [
    ['topics', slugs('topic').join(',')],
    ['speakers', slugs('speaker').join(',')],
  ];
}

export const COUNTRY_SUGGESTIONS = 100;

export type CompareSuggestions = FilterSuggestions & { countries: string[] };

/**
 * The rows' suggestions, all bounded: the filters' speakers and
 * topics, and the first countries (by name, one spelling of each). The
 * countries are a loose index scan of speakers_lower_country_name_id_idx: one
 * probe per country, however many speakers each has.
 */
export async function compareSuggestions(db: Db): Promise<CompareSuggestions> {
  const [choices, countries] = await Promise.all([
    filterSuggestions(db),
    db.$queryRaw<{ country: string }[]>`
      WITH RECURSIVE c AS (
        (SELECT lower(country) AS k FROM speakers WHERE lower(country) > '' ORDER BY lower(country) LIMIT 1)
        UNION ALL
        SELECT (SELECT lower(s.country) FROM speakers s WHERE lower(s.country) > c.k ORDER BY lower(s.country) LIMIT 1)
        FROM c WHERE c.k IS NOT NULL
      )
      SELECT (
        SELECT s.country FROM speakers s WHERE lower(s.country) = c.k ORDER BY lower(s.country), s.name, s.id LIMIT 1
      ) AS country
      FROM c WHERE c.k IS NOT NULL
      LIMIT ${COUNTRY_SUGGESTIONS}`,
  ]);
  return { ...choices, countries: countries.map((c) => c.country) };
}

/**
 * The grid for a request as read from the address, or the message for each
 * field that needs attention: every row that names nothing is named, alongside
 * any other problem, unless there are too many rows to look up.
 */
export async function compare(db: Db, request: CompareRequest): Promise<{ comparison?: Comparison; errors: FieldErrors }> {
  const { input, errors, withinLimits } = validateCompareRequest(request);
  if (!withinLimits) return { errors };
  const [topics, named] = await Promise.all([resolveTopics(db, request.topics), resolveSpeakers(db, request.speakers)]);
  const all = { ...errors, ...topics.errors, ...named.errors };
  if (!input || Object.keys(all).length > 0) return { errors: all };
  return { comparison: await buildComparison(db, input, topics.chosen, named.chosen), errors: {} };
}
