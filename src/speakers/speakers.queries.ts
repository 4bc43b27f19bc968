import type { Db } from '../db/client';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { DatePrecision, Stance, StatementKind } from '../generated/prisma/enums';
import type { CardRow } from '../statements/statement-card';
import { statementCardsPage } from '../statements/statements.queries';
import { findSpeaker } from './speakers.service';

// What a speaker's profile and API entry read besides the speaker row itself.

export type SpeakerStance = {
  topic: { slug: string; name: string };
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statement: { id: number; kind: StatementKind; text: string; language: string };
  /** Set when the stance is unclear because of contradictory statements (src/statements/current-stance.ts). */
  conflictingStatement: { id: number; saidOn: Date | null; saidOnPrecision: DatePrecision | null } | null;
  /** The unbroken run of statements that hold this stance, newest first, and when it began. */
  run: StanceRun;
};

export type StanceRun = { statementIds: number[]; since: Date | null; sincePrecision: DatePrecision | null };

/** How far back a stance's run is followed; past it, `since` is the earliest date seen. */
export const RUN_LIMIT = 20;

/** The speaker's current stance on each topic (table current_stances), by topic name. */
export async function speakerStances(db: Db, speakerId: number, page: PageRequest): Promise<Page<SpeakerStance>> {
  const rows = await db.currentStance.findMany({
    where: { speakerId },
    select: {
      stance: true,
      strength: true,
      saidOn: true,
      saidOnPrecision: true,
      topic: { select: { id: true, slug: true, name: true } },
      statement: { select: { id: true, kind: true, text: true, language: true } },
      conflictingStatement: { select: { id: true, saidOn: true, saidOnPrecision: true } },
    },
    orderBy: [{ topic: { name: 'asc' } }, { topicId: 'asc' }],
    ...pageWindow(page),
  });
  const runs = await stanceRuns(
    db,
    speakerId,
    rows.slice(0, page.limit).map((r) => r.topic.id),
  );
  const empty: StanceRun = { statementIds: [], since: null, sincePrecision: null };
  return toPage(
    rows.map(({ topic: { id, ...topic }, ...row }) => ({ ...row, topic, run: runs.get(id) ?? empty })),
    page,
  );
}

type RunRow = { topic_id: number; id: number; said_on: Date | null; stance: Stance };

/**
 * For each topic, the speaker's statements that hold their current stance
 * without a change in between (newest first), and the date of the earliest
 * dated one: what `since` means. Two queries for all the topics: at most
 * RUN_LIMIT positions each, walked newest first along the positions index
 * (positions carry their statement's date), then the date precision of each
 * run's earliest statement only. Joining every position to its statement
 * cost 3,000 random reads for the busiest speaker.
 */
export async function stanceRuns(db: Db, speakerId: number, topicIds: number[]): Promise<Map<number, StanceRun>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db.$queryRaw<RunRow[]>`
    SELECT t.topic_id, x.id, x.said_on, x.stance
    FROM unnest(${topicIds}::int[]) AS t(topic_id)
    CROSS JOIN LATERAL (
      SELECT p.statement_id AS id, p.said_on, p.stance
      FROM positions p
      WHERE p.speaker_id = ${speakerId} AND p.topic_id = t.topic_id
      ORDER BY p.said_on DESC NULLS LAST, p.statement_id DESC
      LIMIT ${RUN_LIMIT}
    ) x`;
  const runs = new Map<
    number,
    { stance: Stance; broken: boolean; statementIds: number[]; since: Date | null; sinceId: number | null }
  >();
  for (const row of rows) {
    const run = runs.get(row.topic_id) ?? { stance: row.stance, broken: false, statementIds: [], since: null, sinceId: null };
    runs.set(row.topic_id, run);
    if (run.broken || row.stance !== run.stance) {
      run.broken = true;
      continue;
    }
    run.statementIds.push(row.id);
    if (row.said_on) Object.assign(run, { since: row.said_on, sinceId: row.id });
  }
  const sinceIds = [...runs.values()].flatMap((r) => (r.sinceId === null ? [] : [r.sinceId]));
  const precisions = await db.$queryRaw<{ id: number; said_on_precision: DatePrecision | null }[]>`
    SELECT id, said_on_precision FROM statements WHERE id = ANY(${sinceIds}::int[])`;
  const precisionOf = new Map(precisions.map((p) => [p.id, p.said_on_precision]));
  return new Map(
    [...runs].map(([topicId, { statementIds, since, sinceId }]) => [
      topicId,
      { statementIds, since, sincePrecision: sinceId === null ? null : (precisionOf.get(sinceId) ?? null) },
    ]),
  );
}

/**
 * The speaker's statements, newest first, undated last: ids from the index
 * statements_speaker_id_said_on_id_idx, then the page's rows, so that a deep
 * page skips index entries rather than whole rows.
 */
export function speakerStatements(db: Db, speakerId: number, page: PageRequest): Promise<Page<CardRow>> {
  return statementCardsPage(db, { speakerId }, page);
}

/**
 * A profile lists this many current stances per page (`?stances_page=`). A
 * speaker in the news for years holds a stance on hundreds of topics: listing
 * them all made the page of the busiest one 200 KB and its stance runs the
 * slowest query of the page.
 */
export const PROFILE_STANCES = 25;

/** Everything the profile page reads, in three bounded queries after the speaker row. */
export async function speakerProfile(db: Db, slug: string, statementsPage: PageRequest, stancesPage = 1) {
  const speaker = await findSpeaker(db, slug);
  const [stances, statements] = await Promise.all([
    speakerStances(db, speaker.id, { page: stancesPage, limit: PROFILE_STANCES }),
    speakerStatements(db, speaker.id, statementsPage),
  ]);
  return { speaker, stances, statements };
}
