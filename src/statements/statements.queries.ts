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
