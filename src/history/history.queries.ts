import type { Db, Prisma } from '../db/client';
import { NotFoundError } from '../http/errors';
import { cardSelect } from '../statements/statement-card';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { DatePrecision, Stance, StatementKind } from '../generated/prisma/enums';

// A speaker's record on one topic (the history page and its API), and the
// recent shifts lists. Every query here is bounded: one (speaker, topic) pair
// is an index range on positions; shifts come from table stance_shifts.

/** How many undated positions the history page lists (they have no place in the timeline). */
export const UNDATED_LIMIT = 100;
export const HISTORY_PAGE_SIZE = 50;

export const historyStatementSelect = {
  id: true,
  kind: true,
  text: true,
  language: true,
  saidOn: true,
  saidOnPrecision: true,
  place: true,
  sources: { ...cardSelect.sources, take: 10 },
} satisfies Prisma.StatementSelect;

export type HistoryStatement = Prisma.StatementGetPayload<{ select: typeof historyStatementSelect }>;

export type ShiftMark = { fromStance: Stance; toStance: Stance; previousStatementId: number };

export type HistoryEntry = {
  stance: Stance;
  strength: number;
  statement: HistoryStatement;
  shift: ShiftMark | null;
};

type StatementRef = { id: number; kind: StatementKind; saidOn: Date | null; saidOnPrecision: DatePrecision | null };

export type CurrentStanceDetail = {
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statement: StatementRef;
  conflictingStatement: StatementRef | null;
};

const refSelect = { id: true, kind: true, saidOn: true, saidOnPrecision: true } satisfies Prisma.StatementSelect;

export type StanceHistory = {
  speaker: { id: number; slug: string; name: string };
  topic: { id: number; slug: string; name: string };
  current: CurrentStanceDetail | null;
  counts: { dated: number; undated: number; shifts: number };
  timeline: Page<HistoryEntry>;
  undated: HistoryEntry[];
};

async function findPair(db: Db, speakerSlug: string, topicSlug: string) {
  const [speaker, topic] = await Promise.all([
    db.speaker.findUnique({ where: { slug: speakerSlug }, select: { id: true, slug: true, name: true } }),
    db.topic.findUnique({ where: { slug: topicSlug }, select: { id: true, slug: true, name: true } }),
  ]);
  if (!speaker) throw new NotFoundError(`No speaker with the slug "${speakerSlug}" is on record`);
  if (!topic) throw new NotFoundError(`No topic with the slug "${topicSlug}" is on record`);
  return { speaker, topic };
}

/**
 * A speaker's positions on a topic: the current stance and how it was derived,
 * one page of the dated timeline (oldest first: date, then statement id, the
 * order shifts are computed in) with its shift marks, and the undated positions
 * apart. A fixed number of queries, each an index range of the pair.
 */
export async function stanceHistory(db: Db, speakerSlug: string, topicSlug: string, page: PageRequest): Promise<StanceHistory> {
  const { speaker, topic } = await findPair(db, speakerSlug, topicSlug);
  const pair = { speakerId: speaker.id, topicId: topic.id };
  const { skip, take } = pageWindow(page);
  const [current, [counts], dated, undated] = await Promise.all([
    db.currentStance.findUnique({
      where: { speakerId_topicId: pair },
      select: {
        stance: true,
        strength: true,
        saidOn: true,
        saidOnPrecision: true,
        statement: { select: refSelect },
        conflictingStatement: { select: refSelect },
      },
    }),
    db.$queryRaw<{ dated: number; undated: number; shifts: number }[]>`
      SELECT count(said_on)::int AS dated, (count(*) - count(said_on))::int AS undated,
             (SELECT count(*)::int FROM stance_shifts WHERE speaker_id = ${speaker.id} AND topic_id = ${topic.id}) AS shifts
      FROM positions WHERE speaker_id = ${speaker.id} AND topic_id = ${topic.id}`,
    // NULLS FIRST with said_on NOT NULL: the same rows, in the order a backward
    // walk of positions (speaker, topic, said_on DESC NULLS LAST, statement DESC) gives.
    db.position.findMany({
      where: { ...pair, saidOn: { not: null } },
      select: { stance: true, strength: true, statementId: true },
      orderBy: [{ saidOn: { sort: 'asc', nulls: 'first' } }, { statementId: 'asc' }],
      skip,
      take,
    }),
    db.position.findMany({
      where: { ...pair, saidOn: null },
      select: { stance: true, strength: true, statementId: true },
      orderBy: [{ statementId: 'desc' }],
      take: UNDATED_LIMIT,
    }),
  ]);
  const ids = [...dated, ...undated].map((p) => p.statementId);
  const [statements, shifts] = await Promise.all([
    db.statement.findMany({ where: { id: { in: ids } }, select: historyStatementSelect }),
    db.stanceShift.findMany({
      where: { ...pair, statementId: { in: dated.map((p) => p.statementId) } },
      select: { statementId: true, fromStance: true, toStance: true, previousStatementId: true },
    }),
  ]);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const shiftById = new Map(shifts.map(({ statementId, ...shift }) => [statementId, shift]));
  const entry = (p: { stance: Stance; strength: number; statementId: number }): HistoryEntry[] => {
    const statement = byId.get(p.statementId);
    return statement ? [{ stance: p.stance, strength: p.strength, statement, shift: shiftById.get(p.statementId) ?? null }] : [];
  };
  return {
    speaker,
    topic,
    current,
    counts: counts ?? { dated: 0, undated: 0, shifts: 0 },
    timeline: toPage(dated.flatMap(entry), page),
    undated: undated.flatMap(entry),
  };
}

export type RecentShift = {
  speaker: { slug: string; name: string };
  topic: { slug: string; name: string };
  fromStance: Stance;
  toStance: Stance;
  saidOn: Date;
  statement: { id: number; saidOnPrecision: DatePrecision | null };
  previousStatementId: number;
};

/** The latest shifts (by the date of the shifting statement), everywhere or on one topic: an index walk of stance_shifts. */
export async function recentShifts(db: Db, options: { topicId?: number; limit: number; skip?: number }): Promise<RecentShift[]> {
  const rows = await db.stanceShift.findMany({
    where: options.topicId === undefined ? {} : { topicId: options.topicId },
    select: {
      fromStance: true,
      toStance: true,
      saidOn: true,
      previousStatementId: true,
      speaker: { select: { slug: true, name: true } },
      topic: { select: { slug: true, name: true } },
      statement: { select: { id: true, saidOnPrecision: true } },
    },
    orderBy: [{ saidOn: 'desc' }, { statementId: 'desc' }],
    skip: options.skip ?? 0,
    take: options.limit,
  });
  return rows;
}
