import { Prisma, type Tx } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';
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

/** A row of statement_duplicates. */
export type DuplicateRow = {
  id: number;
  text: string;
  said_on: Date | null;
  said_on_precision: DatePrecision | null;
  score: number | string;
  exact: boolean;
};

const toMatch = (row: DuplicateRow): DuplicateMatch => ({
  id: row.id,
  text: row.text,
  saidOn: row.said_on,
  saidOnPrecision: row.said_on_precision,
  score: Math.round(Number(row.score) * 1000) / 1000,
  exact: row.exact,
});

/**
 * How many of the speaker's statements, on each side of the new one's date
 * (and among the undated ones), are compared for a near duplicate: a repeat
 * is a quote reported again, dated the same or close. Bounds the check for a
 * speaker with tens of thousands of statements to 3 × NEAR_WINDOW rows.
 */
export const NEAR_WINDOW = 200;

/**
 * The speaker's statements that repeat `text`, in the caller's transaction
 * (a write calls it under the speaker's lock, so two identical statements sent
 * at once give one 201 and one 409): the same key anywhere in the speaker's
 * record (index statements_speaker_id_text_key_md5_idx), else a trigram
 * similarity of at least DUPLICATE_THRESHOLD among the NEAR_WINDOW statements
 * said on or before `saidOn`, the NEAR_WINDOW after it, and the NEAR_WINDOW
 * latest undated ones (index statements_speaker_id_said_on_id_idx; undated:
 * the latest dated). The function statement_duplicates (migration
 * 20261202090000) runs the query; a new statement's write calls it from its
 * INSERT (duplicateCheckArgs), which writes nothing when it finds any.
 *
 * Its shape, for whoever changes it: the typed text's key, trigram count and
 * signature are computed once (materialised: a generic plan would compute
 * them again for every row compared); a window row whose stored trigram count
 * and signature (generated columns key_trigrams and key_signature, migration
 * 20261201150000, carried by the speaker-and-date index since migration
 * 20261202120000) rule the threshold out is neither read from the table nor
 * compared with similarity(). similarity() is shared / all trigrams; a signature bit set on
 * one side only stands for at least one trigram missing on the other, so the
 * texts share at most `m`, the smaller of each count less its side's lone
 * bits, and their similarity is at most m / (a + b − m). A small margin keeps
 * rounding from skipping a row that could reach it.
 */
export async function findDuplicateStatements(
  tx: Tx,
  speakerId: number,
  text: string,
  saidOn: Date | null,
): Promise<DuplicateMatch[]> {
  return toMatches(
    await tx.$queryRaw<DuplicateRow[]>`${CACHED_PLAN}
      SELECT * FROM statement_duplicates(${speakerId}::int, ${duplicateCheckArgs(text, saidOn)})`,
  );
}

export const toMatches = (rows: DuplicateRow[]): DuplicateMatch[] => rows.map(toMatch);

/** The arguments statement_duplicates (and begin_statement_write) take after the speaker's id (and topics). */
export function duplicateCheckArgs(text: string, saidOn: Date | null): Prisma.Sql {
  return Prisma.sql`${text}::text, ${saidOn}::date, ${DUPLICATE_THRESHOLD}::real, ${DUPLICATES_SHOWN}::int, ${NEAR_WINDOW}::int`;
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
