import { Prisma, type Tx } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';

/**
 * A speaker's record on a topic is contradictory when their latest dated
 * position and another dated one at most this many days before it have
 * opposite signs (supports against opposes): the current stance is then
 * `unclear`, naming both statements, rather than a guess. The migration
 * 20261125041000_stance_history backfilled existing rows with the same number.
 */
export const CONTRADICTION_WINDOW_DAYS = 30;

/**
 * Serialises writes for one speaker inside the caller's transaction, so that two
 * concurrent writes cannot each pick a different "latest" statement. Then takes
 * a lock per topic the write will hold a position on, in topic id order, before
 * any position is written: the trigger counting a topic's positions per month
 * (table topic_stance_months) updates one row per topic, and two writes that
 * reached the same two topics in opposite orders would otherwise deadlock.
 * The function lock_stances (migration 20261202090000) takes them; a new
 * statement's write calls it from its INSERT (statements.insert.ts).
 */
export async function lockSpeakerStances(tx: Tx, speakerId: number, topicIds: number[] = []): Promise<void> {
  await tx.$executeRaw`${CACHED_PLAN} SELECT lock_stances(${speakerId}::int, ${topicIds}::int[])`;
}

/**
 * Recomputes what is derived from one speaker's record on the given topics,
 * inside the caller's transaction (under lockSpeakerStances):
 *
 * - the current stance: the position of the latest dated statement (undated
 *   ones only when nothing dated exists), or `unclear` with
 *   `conflicting_statement_id` when a dated position of opposite sign lies
 *   within CONTRADICTION_WINDOW_DAYS before it. Pairs left without positions
 *   lose their row.
 * - the stance shifts (table stance_shifts): every signed position whose sign
 *   differs from the previous signed one, in date order (then statement id).
 *   When `changed` names one new statement's place in that order, only its
 *   own shift and the next signed position's are rewritten (a back-dated
 *   statement can create or remove just those); the whole pair when
 *   `changed` is not given (a write whose dates are not known).
 *
 * Signs: supports = +, opposes = -; other stances and positions of a
 * no_comment statement carry none.
 */
export async function refreshCurrentStances(
  tx: Tx,
  speakerId: number,
  topicIds: number[],
  changed: { saidOn: Date | null; statementId: number } | undefined = undefined,
): Promise<void> {
  if (topicIds.length === 0) return;
  await tx.$executeRaw`${CACHED_PLAN} SELECT ${refreshCall(speakerId, topicIds, changed)}`;
}

/**
 * refreshCurrentStances as an SQL expression, for a write that ends its own
 * statement with it: the function refresh_speaker_stances (migration
 * 20261201190000) reads with a fresh snapshot, so it sees the positions the
 * statement wrote before calling it.
 */
export function refreshCall(
  speakerId: number,
  topicIds: number[],
  changed: { saidOn: Date | null; statementId: number | Prisma.Sql } | undefined,
): Prisma.Sql {
  // An undated position has no place in the order shifts are read in.
  const skipShifts = changed?.saidOn === null;
  const sinceDate = changed?.saidOn ?? new Date(Date.UTC(1, 0, 1));
  const sinceId = changed?.saidOn ? changed.statementId : 0;
  // `changed` is one new statement: only its shift and the next one can change (migration 20261202130000).
  const oneStatement = changed !== undefined;
  return Prisma.sql`refresh_speaker_stances(${speakerId}::int, ${topicIds}::int[], ${sinceDate}::date, ${sinceId}::int,
                                            ${skipShifts}, ${CONTRADICTION_WINDOW_DAYS}::int, ${oneStatement})`;
}
