import { Prisma, type Db } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';
import type { SpeakerKind } from '../generated/prisma/enums';
import { revisionInsert, type RevisionInput } from '../revisions/revisions.service';
import { duplicateCheckArgs, type DuplicateRow } from './statements.duplicates';
import type { statementSnapshotSelect } from '../revisions/snapshots';
import type { StatementRecord } from './statements.queries';

// The SQL of a new statement's write (see recordStatement): few round trips,
// since each costs CPU on both sides, and none while the write holds its
// speaker's lock: the lookups come first, without locks (or not at all: see
// write-refs.ts); the write itself is one statement that checks the
// speaker's and topics' rows it was given, takes the locks, checks for
// duplicates, writes and brings the derived stances up to date. On its own
// (autocommit) it then commits at once; inside a transaction, the locks last
// until its commit.

export type Ref = { id: number; slug: string };
export type SpeakerRef = Ref & { name: string; kind: SpeakerKind };
export type TopicRef = Ref & { name: string };

/**
 * What a write knows of the statement it writes: the revision's snapshot and
 * the record the API answers with. Assembled from what the write sends and
 * what the lookups read rather than read back (eight more queries, each a
 * round trip); its id and creation time come back from the write itself.
 */
export type Written = StatementRecord & Prisma.StatementGetPayload<{ select: typeof statementSnapshotSelect }>;

/**
 * The speaker and topics given by slug, in one round trip. `topics` follows
 * `topicSlugs`, null for an unknown slug; `speaker` is null for an unknown
 * slug (the caller refuses either).
 */
export async function lookUpRefs(
  db: Db,
  speakerSlug: string,
  topicSlugs: string[],
): Promise<{ speaker: SpeakerRef | null; topics: (TopicRef | null)[] }> {
  const [found] = await db.$queryRaw<{ speaker: SpeakerRef | null; topics: (TopicRef | null)[] | null }[]>`${CACHED_PLAN}
    WITH topic AS MATERIALIZED (
      SELECT t.id, t.slug, t.name, u.n
      FROM unnest(${topicSlugs}::text[]) WITH ORDINALITY AS u(slug, n) JOIN topics t ON t.slug = u.slug
    )
    SELECT (SELECT json_build_object('id', id, 'slug', slug, 'name', name, 'kind', kind) FROM speakers WHERE slug = ${speakerSlug}) AS speaker,
           (SELECT json_agg(CASE WHEN topic.id IS NULL THEN NULL ELSE json_build_object('id', topic.id, 'slug', topic.slug, 'name', topic.name) END ORDER BY u.n)
            FROM generate_series(1, cardinality(${topicSlugs}::text[])) AS u(n) LEFT JOIN topic USING (n)) AS topics`;
  return { speaker: found!.speaker, topics: found!.topics ?? [] };
}

/** What insertUnlessDuplicate writes besides the statement's own columns. */
export type StatementParts = {
  positions: { topicId: number; stance: string; strength: number }[];
  sourceIds: number[];
  /** The revision; its entity id and its snapshot's id are the new statement's, filled in by the write. */
  revision: RevisionInput;
  /** The topics whose stance locks the write takes (with its speaker's). */
  topicIds: number[];
  /** Whether to check for duplicates first (statement_duplicates). */
  checkDuplicates: boolean;
  /** What to call once the positions are written (refreshCall), given the new statement's id: it reads them. */
  refresh: (statementId: Prisma.Sql) => Prisma.Sql;
};

/** What the write did: written (its id and time), refused as a duplicate, or nothing because a row it was given has changed. */
export type WriteOutcome =
  | { outcome: 'written'; id: number; createdAt: Date }
  | { outcome: 'duplicate'; duplicates: DuplicateRow[] }
  | { outcome: 'stale' };

type OutcomeRow = {
  current: boolean;
  id: number | null;
  createdAt: Date | null;
  duplicates: (Omit<DuplicateRow, 'said_on'> & { said_on: string | null })[];
};

/**
 * Writes the statement with its positions, source links, relations and
 * revision, and brings the derived stances up to date (parts.refresh), in one
 * statement, unless
 * - the speaker's or a topic's row is no longer the one `s` records (its
 *   slug, name or kind changed since it was read): then nothing is written
 *   ('stale'), and the caller reads them again;
 * - or the duplicate check finds the speaker has said it already: then
 *   nothing is written and the duplicates found are returned.
 * The function begin_statement_write takes the speaker's and topics' stance
 * locks and runs the check (with a snapshot taken after the locks, so it sees
 * what a write it waited for committed); the statement's insert waits for it
 * (NOT EXISTS), the parts select from the insert, which makes it run first
 * (the trigger positions_copy_statement reads the statement's row) and
 * writes them only with it. The id comes from the insert, so the revision
 * and the stance refresh read it from there.
 */
export async function insertUnlessDuplicate(db: Db, s: Written, parts: StatementParts): Promise<WriteOutcome> {
  const { positions, sourceIds, revision } = parts;
  const newId = Prisma.sql`new_statement.id`;
  const [row] = await db.$queryRaw<OutcomeRow[]>`${CACHED_PLAN}
    WITH refs AS MATERIALIZED (
      SELECT EXISTS (SELECT FROM speakers WHERE id = ${s.speakerId}::int AND slug = ${s.speaker.slug}
                                                AND name = ${s.speaker.name} AND kind = ${s.speaker.kind}::speaker_kind)
             AND (SELECT count(*) FROM topics t
                  JOIN unnest(${positions.map((p) => p.topicId)}::int[], ${s.positions.map((p) => p.topic.slug)}::text[],
                              ${s.positions.map((p) => p.topic.name)}::text[]) AS u(id, slug, name)
                    ON t.id = u.id AND t.slug = u.slug AND t.name = u.name) = ${positions.length}::int AS current
    ),
    duplicates AS MATERIALIZED (
      -- An uncorrelated condition: checked once, before the function is called.
      SELECT * FROM begin_statement_write(${s.speakerId}::int, ${parts.topicIds}::int[], ${parts.checkDuplicates},
                                          ${duplicateCheckArgs(s.text, s.saidOn)})
      WHERE (SELECT current FROM refs)
    ),
    new_statement AS (
      INSERT INTO statements (speaker_id, kind, text, language, original_text, original_language, said_on,
                              said_on_precision, place, context, attribution, source_unknown, created_at, updated_at)
      SELECT ${s.speakerId}::int, ${s.kind}::statement_kind, ${s.text}, ${s.language}, ${s.originalText},
             ${s.originalLanguage}, ${s.saidOn}::date, ${s.saidOnPrecision}::date_precision, ${s.place}, ${s.context},
             ${s.attribution}, ${s.sourceUnknown}, now()::timestamptz(3), now()::timestamptz(3)
      WHERE (SELECT current FROM refs) AND NOT EXISTS (SELECT FROM duplicates)
      RETURNING id, speaker_id, said_on, created_at
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
    new_revision AS (${revisionInsert(revision, Prisma.sql`FROM new_statement`, newId)}),
    -- Reading new_positions makes them written before the call, which reads them.
    refreshed AS MATERIALIZED (
      SELECT ${parts.refresh(newId)} FROM new_statement, (SELECT count(*) AS n FROM new_positions) written WHERE n > 0
    )
    SELECT (SELECT current FROM refs) AS current, new_statement.id, new_statement.created_at AS "createdAt",
           (SELECT coalesce(json_agg(duplicates), '[]') FROM duplicates) AS duplicates
    FROM (SELECT count(*) FROM refreshed) refreshed LEFT JOIN new_statement ON true`;
  if (!row!.current) return { outcome: 'stale' };
  if (row!.id !== null) return { outcome: 'written', id: row!.id, createdAt: row!.createdAt! };
  // A date read from JSON is its ISO text; Prisma reads a date column as midnight UTC.
  const duplicates = row!.duplicates.map((d) => ({ ...d, said_on: d.said_on === null ? null : new Date(d.said_on) }));
  return { outcome: 'duplicate', duplicates };
}
