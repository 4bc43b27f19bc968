import type { Db } from '../db/client';
import { NotFoundError } from '../http/errors';
import { FEED_ENTRIES, feedSelect, type FeedRow } from './atom';

// What the feeds read: the owner row, then one bounded list of statements with
// their speakers, positions, topics and sources (Prisma loads each relation in
// one further query for all 50 rows: a fixed number of queries, no N+1).

export type FeedOwner = { id: number; slug: string; name: string; updatedAt: Date };

const ownerSelect = { id: true, slug: true, name: true, updatedAt: true } as const;

export async function feedSpeaker(db: Db, slug: string): Promise<FeedOwner> {
  const speaker = await db.speaker.findUnique({ where: { slug }, select: ownerSelect });
  if (!speaker) throw new NotFoundError(`No speaker with the slug "${slug}" is on record`);
  return speaker;
}

export async function feedTopic(db: Db, slug: string): Promise<FeedOwner> {
  const topic = await db.topic.findUnique({ where: { slug }, select: ownerSelect });
  if (!topic) throw new NotFoundError(`No topic with the slug "${slug}" is on record`);
  return topic;
}

/** Statements in the order given by `ids`, loaded with one query per relation. */
async function statementsByIds(db: Db, ids: number[]): Promise<FeedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: feedSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The speaker's latest recorded statements, newest first (by id, the order
 * they were recorded in). `id + 0` keeps PostgreSQL from walking the primary
 * key backwards and filtering on the speaker, which reads the whole table for
 * a speaker whose statements are all old; instead it reads the speaker's ids
 * from index statements_speaker_id_said_on_id_idx (index-only) and keeps the
 * top 50: a cost bounded by the speaker's own statements (12 ms for 37k).
 */
export async function speakerFeedStatements(db: Db, speakerId: number): Promise<FeedRow[]> {
  const ids = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM statements WHERE speaker_id = ${speakerId} ORDER BY id + 0 DESC LIMIT ${FEED_ENTRIES}`;
  return statementsByIds(
    db,
    ids.map((r) => r.id),
  );
}

/**
 * The latest recorded statements that take a position on the topic, newest
 * first: a backward walk of index positions_topic_id_statement_id_idx.
 */
export async function topicFeedStatements(db: Db, topicId: number): Promise<FeedRow[]> {
  const ids = await db.position.findMany({
    where: { topicId },
    select: { statementId: true },
    orderBy: { statementId: 'desc' },
    take: FEED_ENTRIES,
  });
  return statementsByIds(
    db,
    ids.map((r) => r.statementId),
  );
}
