import { Prisma, type Db } from '../db/client';
import { ValidationError, type FieldErrors } from '../http/errors';
import { pageWindow, type PageRequest } from '../http/pagination';
import { cardSelect, type CardRow } from '../statements/statement-card';
import { periodEnd, type SearchParams, type SearchSort } from './search.schema';
import { tsquerySql } from './search.query';
import { headlinePlain } from './highlight';

/**
 * Ranking orders every match by ts_rank_cd, which reads each match's vector:
 * cheap for a few thousand matches, slow for a word found in half the
 * collection. Past this many matches the results come newest first instead
 * (an index walk that stops at the page), and the result says so. Counting
 * that far costs too: a phrase of two common words is checked row by row
 * against every statement holding both words, and at a million statements
 * counting to 2,001 took 156 ms where counting to 501 takes 39.
 */
export const RANK_CAP = 500;

export type SearchScope = { speaker?: { slug: string; name: string }; topic?: { slug: string; name: string } };

export type SearchHit = CardRow & {
  originalText: string | null;
  originalLanguage: string | null;
  /** ts_rank_cd when the results are ranked, otherwise null. */
  rank: number | null;
  /** The text with each match between MARK_START and MARK_STOP (see highlight.ts); the plain text when no words were searched. */
  headline: string;
  /** The same for the original-language text, when there is one. */
  originalHeadline: string | null;
};

export type SearchResult = SearchScope & {
  hits: SearchHit[];
  page: number;
  limit: number;
  hasNext: boolean;
  order: SearchSort;
  /** How many statements match, counted up to RANK_CAP + 1. */
  matches: number;
  /** True when there are more matches than `matches` says. */
  matchesCapped: boolean;
  /** The order asked for was relevance, but there were too many matches to rank. */
  rankingSkipped: boolean;
};

/** Whether no words (none that can be searched) and no filter were given: the page then shows the form and tips. */
export function isEmptySearch(params: SearchParams): boolean {
  return Object.entries(params).every(
    ([key, value]) => key === 'sort' || value === undefined || (key === 'q' && params.q!.parsed.length === 0),
  );
}

const SENTINELS = Prisma.sql`chr(57344) || chr(57345)`;
const HEADLINE_SHORT = Prisma.sql`'HighlightAll=true, StartSel=' || chr(57344) || ', StopSel=' || chr(57345)`;
const HEADLINE_LONG = Prisma.sql`'MaxFragments=3, MinWords=12, MaxWords=30, FragmentDelimiter=" … ", StartSel=' || chr(57344) || ', StopSel=' || chr(57345)`;
/** Texts up to this long are shown whole with every match marked; longer ones as fragments around the matches. */
const WHOLE_TEXT_MAX = 800;

function headlineSql(column: Prisma.Sql, query: Prisma.Sql): Prisma.Sql {
  const clean = Prisma.sql`translate(${column}, ${SENTINELS}, '')`;
  const config = Prisma.sql`(CASE WHEN ${column} ~ '[\u0600-\u06FF]' THEN 'arabic' ELSE 'english' END)::regconfig`;
  return Prisma.sql`CASE WHEN ${column} IS NULL THEN NULL
    WHEN length(${column}) <= ${WHOLE_TEXT_MAX} THEN ts_headline(${config}, ${clean}, ${query}, ${HEADLINE_SHORT})
    ELSE ts_headline(${config}, ${clean}, ${query}, ${HEADLINE_LONG}) END`;
}

/** Resolves the speaker and topic slugs in one query; an unknown slug is a field error. */
async function resolveScope(db: Db, params: SearchParams): Promise<SearchScope & { speakerId?: number; topicId?: number }> {
  if (!params.speaker && !params.topic) return {};
  const rows = await db.$queryRaw<{ what: 'speaker' | 'topic'; id: number; slug: string; name: string }[]>`
    SELECT 'speaker' AS what, id, slug, name FROM speakers WHERE slug = ${params.speaker ?? null}
    UNION ALL
    SELECT 'topic', id, slug, name FROM topics WHERE slug = ${params.topic ?? null}`;
  const speaker = rows.find((r) => r.what === 'speaker');
  const topic = rows.find((r) => r.what === 'topic');
  const errors: FieldErrors = {};
  if (params.speaker && !speaker) errors.speaker = `No speaker has the slug "${params.speaker}"`;
  if (params.topic && !topic) errors.topic = `No topic has the slug "${params.topic}"`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    ...(speaker && { speaker: { slug: speaker.slug, name: speaker.name }, speakerId: speaker.id }),
    ...(topic && { topic: { slug: topic.slug, name: topic.name }, topicId: topic.id }),
  };
}

function whereSql(params: SearchParams, scope: { speakerId?: number; topicId?: number }, query: Prisma.Sql | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query) conditions.push(Prisma.sql`s.search_vector @@ ${query}`);
  if (scope.speakerId !== undefined) conditions.push(Prisma.sql`s.speaker_id = ${scope.speakerId}`);
  if (params.speaker_kind)
    conditions.push(
      Prisma.sql`s.speaker_id IN (SELECT sp.id FROM speakers sp WHERE sp.kind = ${params.speaker_kind}::speaker_kind)`,
    );
  if (scope.topicId !== undefined || params.stance) {
    const onTopic = scope.topicId !== undefined ? Prisma.sql`AND p.topic_id = ${scope.topicId}` : Prisma.empty;
    const withStance = params.stance ? Prisma.sql`AND p.stance = ${params.stance}::stance` : Prisma.empty;
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM positions p WHERE p.statement_id = s.id ${onTopic} ${withStance})`);
  }
  if (params.kind) conditions.push(Prisma.sql`s.kind = ${params.kind}::statement_kind`);
  if (params.language) {
    const lang = params.language.toLowerCase();
    conditions.push(Prisma.sql`(lower(s.language) = ${lang} OR lower(s.language) LIKE ${`${lang}-%`}
      OR lower(s.original_language) = ${lang} OR lower(s.original_language) LIKE ${`${lang}-%`})`);
  }
  if (params.from) conditions.push(Prisma.sql`s.said_on >= ${params.from.date}::date`);
  if (params.to) conditions.push(Prisma.sql`s.said_on < ${periodEnd(params.to)}::date`);
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

const NEWEST = Prisma.sql`s.said_on DESC NULLS LAST, s.id DESC`;

type PageRow = { id: number; rank: number | null };

/**
 * With words: the matches (at most RANK_CAP + 1) are read once, counted, and
 * ordered (by rank or newest first) only when there are no more than RANK_CAP
 * of them. A match that needs a row-by-row recheck (a phrase) is thus checked
 * once, not once to count and once to order.
 */
async function cappedPage(db: Db, where: Prisma.Sql, query: Prisma.Sql, ranked: boolean, page: PageRequest) {
  const { skip, take } = pageWindow(page);
  const rows = await db.$queryRaw<{ matches: number; id: number | null; rank: number | null }[]>`
    WITH m AS MATERIALIZED (SELECT s.id, s.said_on, s.search_vector FROM statements s ${where} LIMIT ${RANK_CAP + 1}),
      total AS (SELECT count(*)::int AS n FROM m)
    SELECT total.n AS matches, hit.id, hit.rank
    FROM total LEFT JOIN LATERAL (
      SELECT m.id, m.said_on, ${ranked ? Prisma.sql`ts_rank_cd(m.search_vector, ${query})` : Prisma.sql`NULL::real`} AS rank FROM m
      WHERE total.n <= ${RANK_CAP}
      ORDER BY ${ranked ? Prisma.sql`rank DESC,` : Prisma.empty} m.said_on DESC NULLS LAST, m.id DESC
      LIMIT ${take} OFFSET ${skip}
    ) hit ON true
    ORDER BY ${ranked ? Prisma.sql`hit.rank DESC,` : Prisma.empty} hit.said_on DESC NULLS LAST, hit.id DESC`;
  const matches = rows[0]?.matches ?? 0;
  const hits = rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, rank: r.rank === null ? null : Number(r.rank) }));
  return { matches, rows: hits };
}

/** Newest first: the matches counted up to RANK_CAP + 1 (unless already known), then one page by the date index. */
async function newestPage(db: Db, where: Prisma.Sql, page: PageRequest, knownMatches?: number) {
  const matches =
    knownMatches ??
    (
      await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM statements s ${where} LIMIT ${RANK_CAP + 1}) m`
    )[0]!.n;
  const { skip, take } = pageWindow(page);
  const rows =
    matches === 0
      ? []
      : await db.$queryRaw<PageRow[]>`
          SELECT s.id, NULL::real AS rank FROM statements s ${where} ORDER BY ${NEWEST} LIMIT ${take} OFFSET ${skip}`;
  return { matches, rows };
}

/**
 * Full-text search with filters, one page of statements (see the README's
 * search section). A bounded number of queries whatever the data size: the
 * slugs (one query), the page of matches (with words: one query that also
 * counts, and past RANK_CAP a page by the date index; filters only: a capped
 * count and the page), the headlines of that page, and
 * its cards (one query per relation, not per statement).
 */
export async function searchStatements(db: Db, params: SearchParams, page: PageRequest): Promise<SearchResult> {
  const scope = await resolveScope(db, params);
  const query = params.q && params.q.parsed.length > 0 ? tsquerySql(params.q.parsed) : null;
  const where = whereSql(params, scope, query);

  const wantsRank = query !== null && params.sort !== 'newest';
  let found: { matches: number; rows: PageRow[] } | null = query ? await cappedPage(db, where, query, wantsRank, page) : null;
  const ranked = wantsRank && found !== null && found.matches <= RANK_CAP;
  if (!found || found.matches > RANK_CAP) found = await newestPage(db, where, page, found?.matches);
  const { matches, rows } = found;
  const matchesCapped = matches > RANK_CAP;
  const order: SearchSort = ranked ? 'relevance' : 'newest';

  const ids = rows.slice(0, page.limit).map((r) => r.id);
  const [cards, headlines] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.statement.findMany({
            where: { id: { in: ids } },
            select: { ...cardSelect, originalText: true, originalLanguage: true },
          }),
          query
            ? db.$queryRaw<{ id: number; headline: string; original_headline: string | null }[]>`
                SELECT s.id, ${headlineSql(Prisma.sql`s.text`, query)} AS headline,
                  ${headlineSql(Prisma.sql`s.original_text`, query)} AS original_headline
                FROM statements s WHERE s.id IN (${Prisma.join(ids)})`
            : Promise.resolve([]),
        ]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const headlineById = new Map(headlines.map((h) => [h.id, h]));
  const hits: SearchHit[] = [];
  for (const row of rows.slice(0, page.limit)) {
    const card = byId.get(row.id);
    if (!card) continue; // deleted between the two queries
    const headline = headlineById.get(row.id);
    hits.push({
      ...card,
      rank: row.rank === null ? null : Number(row.rank),
      headline: headline?.headline ?? headlinePlain(card.text),
      originalHeadline: card.originalText === null ? null : (headline?.original_headline ?? headlinePlain(card.originalText)),
    });
  }

  return {
    ...(scope.speaker && { speaker: scope.speaker }),
    ...(scope.topic && { topic: scope.topic }),
    hits,
    page: page.page,
    limit: page.limit,
    hasNext: rows.length > page.limit,
    order,
    matches: Math.min(matches, RANK_CAP),
    matchesCapped,
    rankingSkipped: wantsRank && matchesCapped,
  };
}
