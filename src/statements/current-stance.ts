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
 */
export async function lockSpeakerStances(tx: Tx, speakerId: number, topicIds: number[] = []): Promise<void> {
  await tx.$executeRaw`SELECT count(*) FROM (${stanceLocks(Prisma.sql`SELECT ${speakerId}::int`, Prisma.sql`SELECT unnest(${topicIds}::int[])`)}) locks`;
}

/**
 * lockSpeakerStances' locks as a subquery, for a caller that takes them in a
 * query of its own (one round trip): `speakerId` and `topicIds` are queries
 * giving the ids. The locks are taken in the order of the sorted subquery.
 */
export function stanceLocks(speakerId: Prisma.Sql, topicIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT pg_advisory_xact_lock(lock_class, lock_id) FROM (
      SELECT 7301 AS lock_class, (${speakerId}) AS lock_id
      UNION ALL
      SELECT DISTINCT 7302, topic_id FROM (${topicIds}) AS t(topic_id)
      ORDER BY 1, 2 OFFSET 0
    ) ordered`;
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
 *   Rewritten from the written statement's place in that order (`changed`)
 *   on, so that a back-dated statement creates or removes the shifts after
 *   it; the whole pair when `changed` is not given (a write whose dates are
 *   not known).
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
  // One statement (one round trip) rewrites both. Within each rewrite, the
  // old rows go first: rows a statement deletes do not conflict with the keys
  // it inserts, and reading `*_gone` makes the delete finish before the insert
  // begins. An undated position has no place in the order shifts are read in.
  const shifts =
    changed?.saidOn === null
      ? Prisma.empty
      : Prisma.sql`, ${stanceShiftsRewrite(speakerId, topicIds, changed && { saidOn: changed.saidOn, statementId: changed.statementId })}`;
  await tx.$executeRaw`${CACHED_PLAN} WITH ${currentStancesRewrite(speakerId, topicIds)} ${shifts} SELECT 1`;
}

/**
 * The current stances' rewrite, as common table expressions. One index walk
 * per topic (positions by speaker, topic, date), however long the speaker's
 * record on it; the contradiction check reads at most the window's positions
 * along the same index.
 */
function currentStancesRewrite(speakerId: number, topicIds: number[]): Prisma.Sql {
  return Prisma.sql`
    stances_gone AS (DELETE FROM current_stances WHERE speaker_id = ${speakerId} AND topic_id = ANY(${topicIds}::int[]) RETURNING 1),
    stances AS (
    INSERT INTO current_stances
      (speaker_id, topic_id, statement_id, stance, strength, said_on, said_on_precision, conflicting_statement_id)
    SELECT ${speakerId}, t.topic_id, p.statement_id,
           CASE WHEN c.statement_id IS NULL THEN p.stance ELSE 'unclear'::stance END,
           CASE WHEN c.statement_id IS NULL THEN p.strength ELSE 1 END,
           p.said_on, s.said_on_precision, c.statement_id
    FROM (SELECT count(*) FROM stances_gone) deleted_first
    CROSS JOIN unnest(${topicIds}::int[]) AS t(topic_id)
    CROSS JOIN LATERAL (
      SELECT statement_id, stance, strength, said_on FROM positions
      WHERE speaker_id = ${speakerId} AND topic_id = t.topic_id
      ORDER BY said_on DESC NULLS LAST, statement_id DESC
      LIMIT 1
    ) p
    JOIN statements s ON s.id = p.statement_id
    LEFT JOIN LATERAL (
      SELECT q.statement_id FROM positions q JOIN statements qs ON qs.id = q.statement_id
      WHERE p.said_on IS NOT NULL AND p.stance IN ('supports', 'opposes') AND s.kind <> 'no_comment'
        AND q.speaker_id = ${speakerId} AND q.topic_id = t.topic_id
        AND q.said_on BETWEEN p.said_on - ${CONTRADICTION_WINDOW_DAYS}::int AND p.said_on
        AND (q.said_on, q.statement_id) < (p.said_on, p.statement_id)
        AND q.stance = (CASE p.stance WHEN 'supports' THEN 'opposes' ELSE 'supports' END)::stance
        AND qs.kind <> 'no_comment'
      ORDER BY q.said_on DESC NULLS LAST, q.statement_id DESC
      LIMIT 1
    ) c ON true
    RETURNING 1)`;
}

/**
 * The rewrite of one speaker's stance shifts on the given topics at and after
 * `since` (the written statement's date and id, the order shifts are read in):
 * a shift there may now have another previous signed position, and positions
 * before it keep theirs. The previous signed position before `since` is the
 * anchor. A write of the latest statement reads a handful of rows, however
 * many the speaker said that day; a back-dated one reads the pair's positions
 * from its date on. Without `since`, the pair is rewritten whole.
 * As common table expressions, like currentStancesRewrite.
 */
function stanceShiftsRewrite(speakerId: number, topicIds: number[], since?: { saidOn: Date; statementId: number }): Prisma.Sql {
  const from = Prisma.sql`(${since?.saidOn ?? new Date(Date.UTC(1, 0, 1))}::date, ${since?.statementId ?? 0}::int)`;
  return Prisma.sql`
    shifts_gone AS (
      DELETE FROM stance_shifts
      WHERE speaker_id = ${speakerId} AND topic_id = ANY(${topicIds}::int[]) AND (said_on, statement_id) >= ${from}
      RETURNING 1
    ),
    shifts AS (
    INSERT INTO stance_shifts (speaker_id, topic_id, statement_id, previous_statement_id, from_stance, to_stance, said_on)
    SELECT ${speakerId}, topic_id, statement_id, previous_statement_id, from_stance, to_stance, said_on
    FROM (
      SELECT topic_id, statement_id, stance AS to_stance, said_on, lag(stance) OVER w AS from_stance, lag(statement_id) OVER w AS previous_statement_id
      FROM (
        SELECT t.topic_id, a.statement_id, a.stance, a.said_on
        FROM unnest(${topicIds}::int[]) AS t(topic_id)
        CROSS JOIN LATERAL (
          SELECT p.statement_id, p.stance, p.said_on
          FROM positions p JOIN statements s ON s.id = p.statement_id
          WHERE p.speaker_id = ${speakerId} AND p.topic_id = t.topic_id AND (p.said_on, p.statement_id) < ${from}
            AND p.stance IN ('supports', 'opposes') AND s.kind <> 'no_comment'
          ORDER BY p.said_on DESC NULLS LAST, p.statement_id DESC
          LIMIT 1
        ) a
        UNION ALL
        SELECT p.topic_id, p.statement_id, p.stance, p.said_on
        FROM positions p JOIN statements s ON s.id = p.statement_id
        WHERE p.speaker_id = ${speakerId} AND p.topic_id = ANY(${topicIds}::int[]) AND (p.said_on, p.statement_id) >= ${from}
          AND p.stance IN ('supports', 'opposes') AND s.kind <> 'no_comment'
      ) signed
      WINDOW w AS (PARTITION BY topic_id ORDER BY said_on, statement_id)
    ) x
    CROSS JOIN (SELECT count(*) FROM shifts_gone) deleted_first
    WHERE (said_on, statement_id) >= ${from} AND from_stance <> to_stance
    RETURNING 1)`;
}
