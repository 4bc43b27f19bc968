import { Prisma, type Tx } from '../db/client';
import type { DatePrecision } from '../generated/prisma/enums';
import { ConflictError } from '../http/errors';

// A statement recorded twice: the same words (ignoring case, spacing and
// punctuation, SQL `match_key`) or nearly the same (trigram similarity of the
// keys at least DUPLICATE_THRESHOLD, among the speaker's statements nearest
// in date), by the same speaker.

/**
 * How similar two texts of one speaker may be before the second needs
 * confirmation. One word changed in a sentence of ten scores about 0.8 to
 * 0.9; two different sentences on the same subject score well under 0.6.
 */
export const DUPLICATE_THRESHOLD = 0.8;
/** A warning shows at most this many existing statements. */
export const DUPLICATES_SHOWN = 3;

export type DuplicateMatch = {
  id: number;
  text: string;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  score: number;
  exact: boolean;
};

type Row = { id: number; text: string; said_on: Date | null; said_on_precision: DatePrecision | null; score: number | string };

const toMatch = (exact: boolean) => (row: Row) => ({
  id: row.id,
  text: row.text,
  saidOn: row.said_on,
  saidOnPrecision: row.said_on_precision,
  score: Math.round(Number(row.score) * 1000) / 1000,
  exact,
});

/**
 * How many of the speaker's statements, on each side of the new one's date
 * (and among the undated ones), are compared for a near duplicate: a repeat
 * is a quote reported again, dated the same or close. Bounds the check for a
 * speaker with tens of thousands of statements to 3 × NEAR_WINDOW rows.
 */
export const NEAR_WINDOW = 200;

/**
 * The statements a near-duplicate check compared, as (id, row version) pairs:
 * `xmin` changes whenever a row is written, so a pair names the exact words
 * that were compared.
 */
export type ComparedRows = { ids: number[]; versions: string[] };

/**
 * The speaker's statements that repeat `text`, in the caller's transaction:
 * the same key anywhere in the speaker's record (index
 * statements_speaker_id_text_key_md5_idx), else a trigram similarity of at
 * least DUPLICATE_THRESHOLD among the NEAR_WINDOW statements said on or before
 * `saidOn`, the NEAR_WINDOW after it, and the NEAR_WINDOW latest undated ones
 * (index statements_speaker_id_said_on_id_idx; undated: the latest dated).
 *
 * The near check is the costly part (up to 3 × NEAR_WINDOW trigram
 * comparisons, fewer after the trigram-count shortcut of nearScore), so a
 * write runs it before taking the speaker's lock, and
 * `compared` says which rows it read. Under the lock, `findDuplicatesSince`
 * repeats the check for whatever it did not see.
 */
export async function findDuplicateStatements(
  tx: Tx,
  speakerId: number,
  text: string,
  saidOn: Date | null,
): Promise<{ matches: DuplicateMatch[]; compared: ComparedRows }> {
  const exact = await exactDuplicates(tx, speakerId, text);
  if (exact.length > 0) return { matches: exact, compared: { ids: [], versions: [] } };
  // One row per match (at most DUPLICATES_SHOWN), or one row of nulls, each
  // carrying the (id, version) pairs compared: the texts stay in the database.
  const rows = await tx.$queryRaw<(Nullable<Row> & { ids: number[] | null; versions: string[] | null })[]>`
    WITH typed AS (${typedKey(text)}),
    nearby AS MATERIALIZED (
      SELECT id, text, said_on, said_on_precision, version, ${nearScore} AS score
      FROM (${nearbyStatements(speakerId, saidOn, withVersion)}) n, typed
    )
    SELECT c.ids, c.versions, m.id, m.text, m.said_on, m.said_on_precision, m.score
    FROM (SELECT array_agg(id) AS ids, array_agg(version) AS versions FROM nearby) c
    LEFT JOIN LATERAL (
      SELECT id, text, said_on, said_on_precision, score FROM nearby
      WHERE score >= ${DUPLICATE_THRESHOLD}::real ORDER BY score DESC, id LIMIT ${DUPLICATES_SHOWN}
    ) m ON true`;
  const compared = { ids: rows[0]?.ids ?? [], versions: rows[0]?.versions ?? [] };
  const matches = rows.flatMap((r) => (r.id === null ? [] : [toMatch(false)(r as Row)]));
  return { matches, compared };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * The duplicate check again, under the speaker's lock, after
 * findDuplicateStatements found nothing: the exact key over the whole record
 * (one index probe), and the trigram similarity only for the statements now
 * in the window that the first check did not compare (written since, by a
 * write that held the lock before this one). Two identical statements sent at
 * once thus still give one 201 and one 409.
 */
export async function findDuplicatesSince(
  tx: Tx,
  speakerId: number,
  text: string,
  saidOn: Date | null,
  compared: ComparedRows,
): Promise<DuplicateMatch[]> {
  const exact = await exactDuplicates(tx, speakerId, text);
  if (exact.length > 0) return exact;
  const near = await tx.$queryRaw<Row[]>`
    WITH typed AS (${typedKey(text)})
    SELECT * FROM (
      SELECT id, text, said_on, said_on_precision, ${nearScore} AS score
      FROM (${nearbyStatements(speakerId, saidOn, withVersion)}) nearby, typed
      WHERE (id, version) NOT IN (SELECT * FROM unnest(${compared.ids}::int[], ${compared.versions}::text[]))
    ) s
    WHERE score >= ${DUPLICATE_THRESHOLD}::real
    ORDER BY score DESC, id LIMIT ${DUPLICATES_SHOWN}`;
  return near.map(toMatch(false));
}

function exactDuplicates(tx: Tx, speakerId: number, text: string): Promise<DuplicateMatch[]> {
  return tx.$queryRaw<Row[]>`
    SELECT id, text, said_on, said_on_precision, 1::float8 AS score FROM statements
    WHERE speaker_id = ${speakerId} AND md5(match_key(text)) = md5(match_key(${text})) AND match_key(text) = match_key(${text})
    ORDER BY id LIMIT ${DUPLICATES_SHOWN}`.then((rows) => rows.map(toMatch(true)));
}

const withVersion = Prisma.sql`, xmin::text AS version, key_trigrams`;

/** The typed text's key and its trigram count, computed once per check. */
const typedKey = (text: string) =>
  Prisma.sql`SELECT match_key(${text}) AS key, coalesce(array_length(show_trgm(match_key(${text})), 1), 0) AS trigrams`;

/**
 * A window row's similarity to the typed text, or 0 without computing it when
 * their trigram counts (the generated column key_trigrams) are too far apart
 * to reach DUPLICATE_THRESHOLD: similarity is shared over all trigrams, so at
 * most the smaller count over the larger. The margin keeps rounding from
 * skipping a row that could reach it.
 */
const nearScore = Prisma.sql`CASE
  WHEN key_trigrams >= (${DUPLICATE_THRESHOLD}::float8 - 1e-6) * typed.trigrams
   AND key_trigrams * (${DUPLICATE_THRESHOLD}::float8 - 1e-6) <= typed.trigrams
  THEN similarity(match_key(text), typed.key)::float8 ELSE 0 END`;

/** The window the near check compares (see findDuplicateStatements). */
function nearbyStatements(speakerId: number, saidOn: Date | null, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
      (SELECT id, text, said_on, said_on_precision ${extra} FROM statements
       WHERE speaker_id = ${speakerId} AND said_on <= coalesce(${saidOn}::date, 'infinity'::date)
       ORDER BY said_on DESC NULLS LAST, id DESC LIMIT ${NEAR_WINDOW})
      UNION ALL
      (SELECT id, text, said_on, said_on_precision ${extra} FROM statements
       WHERE speaker_id = ${speakerId} AND said_on > ${saidOn}::date
       ORDER BY said_on ASC NULLS FIRST, id ASC LIMIT ${NEAR_WINDOW})
      UNION ALL
      (SELECT id, text, said_on, said_on_precision ${extra} FROM statements
       WHERE speaker_id = ${speakerId} AND said_on IS NULL
       ORDER BY said_on DESC NULLS LAST, id DESC LIMIT ${NEAR_WINDOW})`;
}

/** Recording a statement its speaker already has (nearly) word for word, without `allow_duplicate`. */
export class DuplicateStatementError extends ConflictError {
  readonly code = 'duplicate_statement';
  constructor(readonly matches: DuplicateMatch[]) {
    super(
      matches.length === 1
        ? `This speaker already has a statement with nearly the same words (#${matches[0]!.id}). Send allow_duplicate to record it anyway.`
        : `This speaker already has statements with nearly the same words (${matches.map((m) => `#${m.id}`).join(', ')}). Send allow_duplicate to record it anyway.`,
    );
  }
}

/** The API's body for a DuplicateStatementError: 409 `duplicate_statement` with the existing ids. */
export function duplicateStatementJson(error: DuplicateStatementError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      existing_id: error.matches[0]!.id,
      existing_ids: error.matches.map((m) => m.id),
    },
  };
}
