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
 * (an index walk that stops at the page), and the result says so.
 */
export const RANK_CAP = 2000;

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

type HitRow = { id: number; rank: number | null; headline: string | null; original_headline: string | null };

/**
 * Full-text search with filters, one page of statements (see the README's
 * search section). A bounded number of queries whatever the data size: the
 * slugs (one query), the matches counted up to RANK_CAP + 1, the page of ids
 * with rank and headlines, and the cards of that page.
 */
export async function searchStatements(db: Db, params: SearchParams, page: PageRequest): Promise<SearchResult> {
  const scope = await resolveScope(db, params);
  const query = params.q && params.q.parsed.length > 0 ? tsquerySql(params.q.parsed) : null;
  const where = whereSql(params, scope, query);

  const [{ n: matches }] = (await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM statements s ${where} LIMIT ${RANK_CAP + 1}) m`) as [{ n: number }];
  const matchesCapped = matches > RANK_CAP;
  const wantsRank = query !== null && params.sort !== 'newest';
  const ranked = wantsRank && !matchesCapped;
  const order: SearchSort = ranked ? 'relevance' : 'newest';

  const { skip, take } = pageWindow(page);
  const rows =
    matches === 0
      ? []
      : await db.$queryRaw<HitRow[]>`
    SELECT h.id, h.rank,
      ${query ? headlineSql(Prisma.sql`h.text`, query) : Prisma.sql`NULL`} AS headline,
      ${query ? headlineSql(Prisma.sql`h.original_text`, query) : Prisma.sql`NULL`} AS original_headline
    FROM (
      SELECT s.id, s.text, s.original_text, s.said_on,
        ${ranked ? Prisma.sql`ts_rank_cd(s.search_vector, ${query})` : Prisma.sql`NULL::real`} AS rank
      FROM statements s ${where}
      ORDER BY ${ranked ? Prisma.sql`rank DESC, ${NEWEST}` : NEWEST}
      LIMIT ${take} OFFSET ${skip}
    ) h`;

  const ids = rows.slice(0, page.limit).map((r) => r.id);
  const cards =
    ids.length === 0
      ? []
      : await db.statement.findMany({
          where: { id: { in: ids } },
          select: { ...cardSelect, originalText: true, originalLanguage: true },
        });
  const byId = new Map(cards.map((c) => [c.id, c]));
  const hits: SearchHit[] = [];
  for (const row of rows.slice(0, page.limit)) {
    const card = byId.get(row.id);
    if (!card) continue; // deleted between the two queries
    hits.push({
      ...card,
      rank: row.rank === null ? null : Number(row.rank),
      headline: row.headline ?? headlinePlain(card.text),
      originalHeadline: card.originalText === null ? null : (row.original_headline ?? headlinePlain(card.originalText)),
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
