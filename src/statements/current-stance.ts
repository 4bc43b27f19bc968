import type { Tx } from '../db/client';

/**
 * Serialises writes for one speaker inside the caller's transaction, so that two
 * concurrent writes cannot each pick a different "latest" statement.
 */
export async function lockSpeakerStances(tx: Tx, speakerId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7301, ${speakerId}::int)`;
}

/**
 * Recomputes the current stance (the position of the latest dated statement;
 * undated ones only when nothing dated exists) of one speaker on the given
 * topics, inside the caller's transaction. Pairs left without positions lose
 * their row.
 */
export async function refreshCurrentStances(tx: Tx, speakerId: number, topicIds: number[]): Promise<void> {
  if (topicIds.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM current_stances
    WHERE speaker_id = ${speakerId} AND topic_id = ANY(${topicIds}::int[])`;
  // One index walk per topic (positions by speaker, topic, date), however
  // long the speaker's record on it.
  await tx.$executeRaw`
    INSERT INTO current_stances (speaker_id, topic_id, statement_id, stance, strength, said_on, said_on_precision)
    SELECT ${speakerId}, t.topic_id, p.statement_id, p.stance, p.strength, p.said_on, s.said_on_precision
    FROM unnest(${topicIds}::int[]) AS t(topic_id)
    CROSS JOIN LATERAL (
      SELECT statement_id, stance, strength, said_on FROM positions
      WHERE speaker_id = ${speakerId} AND topic_id = t.topic_id
      ORDER BY said_on DESC NULLS LAST, statement_id DESC
      LIMIT 1
    ) p
    JOIN statements s ON s.id = p.statement_id`;
}
