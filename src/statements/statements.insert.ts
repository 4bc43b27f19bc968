import { Prisma, type Db } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';
import type { SpeakerKind } from '../generated/prisma/enums';
import { revisionInsert, type RevisionInput } from '../revisions/revisions.service';
import { duplicateCheckArgs, type DuplicateRow } from './statements.duplicates';
import type { statementSnapshotSelect } from '../revisions/snapshots';
import type { StatementRecord } from './statements.queries';

// The SQL of a new statement's write (see recordStatement): few round trips,
// since each costs CPU on both sides, and none while the write holds its
// speaker's lock: the lookups and the id come first, without locks; the write
// itself is one statement that takes the locks, checks for duplicates, writes
// and brings the derived stances up to date. On its own (autocommit) it then
// commits at once; inside a transaction, the locks last until its commit.

export type Ref = { id: number; slug: string };
export type SpeakerRef = Ref & { name: string; kind: SpeakerKind };
export type TopicRef = Ref & { name: string };
type Reserved = { id: number; createdAt: Date };

/**
 * What a write knows of the statement it just wrote: the revision's snapshot
 * and the record the API answers with. Assembled from what the write sends
 * and what the lookups read rather than read back (eight more queries, each
 * a round trip).
 */
export type Written = StatementRecord & Prisma.StatementGetPayload<{ select: typeof statementSnapshotSelect }>;

// The id the new statement will have, and the transaction's time to the millisecond a row keeps.
const reserveIdColumns = Prisma.sql`nextval(pg_get_serial_sequence('statements', 'id'))::int AS id, now()::timestamptz(3) AS "createdAt"`;

/** Reserves the new statement's id: with its id known, the statement, its parts and its revision are written in one statement. */
export async function reserveId(db: Db): Promise<Reserved> {
  const [reserved] = await db.$queryRaw<Reserved[]>`${CACHED_PLAN} SELECT ${reserveIdColumns}`;
  return reserved!;
}

/**
 * reserveId with the lookups of a speaker and topics given by slug, in one
 * round trip. `topics` follows `topicSlugs`, null for an unknown slug;
 * `speaker` is null for an unknown slug (the caller refuses either).
 */
export async function lookUpAndReserveId(
  db: Db,
  speakerSlug: string,
  topicSlugs: string[],
): Promise<Reserved & { speaker: SpeakerRef | null; topics: (TopicRef | null)[] }> {
  const [found] = await db.$queryRaw<(Reserved & { speaker: SpeakerRef | null; topics: (TopicRef | null)[] })[]>`${CACHED_PLAN}
    WITH topic AS MATERIALIZED (
      SELECT t.id, t.slug, t.name, u.n
      FROM unnest(${topicSlugs}::text[]) WITH ORDINALITY AS u(slug, n) JOIN topics t ON t.slug = u.slug
    )
    SELECT ${reserveIdColumns},
           (SELECT json_build_object('id', id, 'slug', slug, 'name', name, 'kind', kind) FROM speakers WHERE slug = ${speakerSlug}) AS speaker,
           (SELECT json_agg(CASE WHEN topic.id IS NULL THEN NULL ELSE json_build_object('id', topic.id, 'slug', topic.slug, 'name', topic.name) END ORDER BY u.n)
            FROM generate_series(1, cardinality(${topicSlugs}::text[])) AS u(n) LEFT JOIN topic USING (n)) AS topics`;
  return { ...found!, topics: found!.topics ?? [] };
}

/** What insertUnlessDuplicate writes besides the statement's own columns. */
export type StatementParts = {
  positions: { topicId: number; stance: string; strength: number }[];
  sourceIds: number[];
  revision: RevisionInput;
  /** The topics whose stance locks the write takes (with its speaker's). */
  topicIds: number[];
  /** Whether to check for duplicates first (statement_duplicates). */
  checkDuplicates: boolean;
  /** What to call once the positions are written (refreshCall): it reads them. */
  refresh: Prisma.Sql;
};

/**
 * Takes the speaker's and topics' stance locks (lockSpeakerStances), then
 * writes the statement with its positions, source links, relations and
 * revision, and brings the derived stances up to date (parts.refresh), in one
 * statement, unless the duplicate check finds the speaker has said it
 * already: then nothing is written and the duplicates found are returned.
 * The function begin_statement_write takes the locks and runs the check
 * (with a snapshot taken after the locks, so it sees what a write it waited
 * for committed); the statement's insert waits for it (NOT EXISTS), the
 * parts select from the insert, which makes it run first (the trigger
 * positions_copy_statement reads the statement's row) and writes them only
 * with it.
 */
export async function insertUnlessDuplicate(db: Db, s: Written, parts: StatementParts): Promise<DuplicateRow[]> {
  const { positions, sourceIds, revision } = parts;
  return db.$queryRaw<DuplicateRow[]>`${CACHED_PLAN}
    WITH duplicates AS MATERIALIZED (
      SELECT * FROM begin_statement_write(${s.speakerId}::int, ${parts.topicIds}::int[], ${parts.checkDuplicates},
                                          ${duplicateCheckArgs(s.text, s.saidOn)})
    ),
    new_statement AS (
      INSERT INTO statements (id, speaker_id, kind, text, language, original_text, original_language, said_on,
                              said_on_precision, place, context, attribution, source_unknown, created_at, updated_at)
      SELECT ${s.id}::int, ${s.speakerId}::int, ${s.kind}::statement_kind, ${s.text}, ${s.language}, ${s.originalText},
             ${s.originalLanguage}, ${s.saidOn}::date, ${s.saidOnPrecision}::date_precision, ${s.place}, ${s.context},
             ${s.attribution}, ${s.sourceUnknown}, ${s.createdAt}::timestamptz, ${s.createdAt}::timestamptz
      WHERE NOT EXISTS (SELECT FROM duplicates)
      RETURNING id, speaker_id, said_on
    ),
    new_positions AS (
      INSERT INTO positions (statement_id, topic_id, stance, strength, speaker_id, said_on)
      SELECT new_statement.id, p.topic_id, p.stance::stance, p.strength, new_statement.speaker_id, new_statement.said_on
      FROM new_statement,
           unnest(${positions.map((p) => p.topicId)}::int[], ${positions.map((p) => p.stance)}::text[],
                  ${positions.map((p) => p.strength)}::int[]) AS p(topic_id, stance, strength)
      RETURNING 1
    ),
    new_sources AS (
      INSERT INTO statement_sources (statement_id, source_id)
      SELECT new_statement.id, source_id FROM new_statement, unnest(${sourceIds}::int[]) AS source_id
    ),
    new_relations AS (
      INSERT INTO statement_relations (from_id, to_id, kind)
      SELECT new_statement.id, r.to_id, r.kind::relation_kind
      FROM new_statement, unnest(${s.relationsFrom.map((r) => r.toId)}::int[], ${s.relationsFrom.map((r) => r.kind)}::text[]) AS r(to_id, kind)
    ),
    new_revision AS (${revisionInsert(revision, Prisma.sql`FROM new_statement`)}),
    -- Reading new_positions makes them written before the call, which reads them.
    refreshed AS MATERIALIZED (SELECT ${parts.refresh} FROM (SELECT count(*) AS n FROM new_positions) written WHERE n > 0)
    SELECT * FROM duplicates WHERE (SELECT count(*) FROM refreshed) >= 0`;
}
