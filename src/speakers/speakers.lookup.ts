import type { Db } from '../db/client';
import { ConflictError } from '../http/errors';
import type { SpeakerKind } from '../generated/prisma/enums';

// Finding a speaker by any name: the slug, the name or an alias, spelt
// exactly or nearly. Names are compared by their key (SQL `match_key`: lower
// case, punctuation and runs of spaces made one space), with pg_trgm's
// similarity (the whole names) and word similarity (the typed text inside a
// longer name: "Hijri" in "Hikmat Al Hijri"). Both are served by the trigram
// indexes on match_key(name) of speakers and speaker_aliases.

export type SpeakerMatch = {
  slug: string;
  name: string;
  kind: SpeakerKind;
  /** The name, alias or slug that matched what was typed. */
  matched: string;
  via: 'slug' | 'name' | 'alias';
  /** 1 for an exact match (ignoring case and punctuation), else the trigram score, 0 to 1. */
  score: number;
  exact: boolean;
};

/** A lookup answers at most this many speakers. */
export const LOOKUP_LIMIT = 10;
/** Shorter typed text has too few trigrams to find anything by. */
export const LOOKUP_MIN_CHARS = 2;

type MatchRow = Omit<SpeakerMatch, 'score'> & { score: number | string };

const toMatch = (row: MatchRow): SpeakerMatch => ({ ...row, score: Math.round(Number(row.score) * 1000) / 1000 });

/** Each index walk (names and aliases, by similarity and by word similarity) reads this many nearest entries. */
const NEAREST = 10;

/**
 * Speakers answering to what was typed, best first: exact matches of slug,
 * name or alias (ignoring case and punctuation), then by trigram score (the
 * greater of similarity and word similarity). One query: four nearest-first
 * walks of the GiST trigram indexes, NEAREST entries each, so its cost does
 * not grow with the number of speakers; each speaker once, with the name or
 * alias that matched best. What pg_trgm's default thresholds (similarity 0.3,
 * word similarity 0.6) would not call close is left out.
 */
export async function lookupSpeakers(db: Db, typed: string, limit = LOOKUP_LIMIT): Promise<SpeakerMatch[]> {
  const text = typed.trim();
  if (text.length < LOOKUP_MIN_CHARS) return [];
  const rows = await db.$queryRaw<MatchRow[]>`
    WITH nearest AS (
      (SELECT s.id AS speaker_id, s.name AS matched, 'name' AS via FROM speakers s
       ORDER BY match_key(s.name) <-> match_key(${text}) LIMIT ${NEAREST})
      UNION ALL
      (SELECT s.id, s.name, 'name' FROM speakers s
       ORDER BY match_key(s.name) <->> match_key(${text}) LIMIT ${NEAREST})
      UNION ALL
      (SELECT a.speaker_id, a.name, 'alias' FROM speaker_aliases a
       ORDER BY match_key(a.name) <-> match_key(${text}) LIMIT ${NEAREST})
      UNION ALL
      (SELECT a.speaker_id, a.name, 'alias' FROM speaker_aliases a
       ORDER BY match_key(a.name) <->> match_key(${text}) LIMIT ${NEAREST})
    ), scored AS (
      SELECT speaker_id, matched, via, match_key(matched) = match_key(${text}) AS exact,
             similarity(match_key(matched), match_key(${text})) AS sim,
             word_similarity(match_key(${text}), match_key(matched)) AS word_sim
      FROM nearest
      UNION ALL
      SELECT s.id, s.slug, 'slug', true, 1, 1 FROM speakers s WHERE s.slug = lower(${text})
    ), best AS (
      SELECT DISTINCT ON (speaker_id) speaker_id, matched, via, exact,
             CASE WHEN exact THEN 1 ELSE greatest(sim, word_sim) END AS score
      FROM scored
      WHERE exact OR sim >= 0.3 OR word_sim >= 0.6
      ORDER BY speaker_id, exact DESC, score DESC, via DESC
    )
    SELECT s.slug, s.name, s.kind, best.matched, best.via, best.exact, best.score::float8 AS score
    FROM best JOIN speakers s ON s.id = best.speaker_id
    ORDER BY best.exact DESC, best.score DESC, s.name, s.id
    LIMIT ${limit}`;
  return rows.map(toMatch);
}

/**
 * How close a new speaker's name may come to an existing speaker's name or
 * alias before creating it needs confirmation: pg_trgm similarity of the two
 * keys. "Hikmat Hijri" and "Hikmat Al Hijri" score 0.79, "Saudi Arabian" and
 * "Saudi Arabia" 0.8 (warned); "Speaker 1" and "Speaker 2" 0.67, "Saudi
 * Aramco" and "Saudi Arabia" 0.53 (not warned).
 */
export const SIMILAR_NAME_THRESHOLD = 0.7;
/** A warning lists at most this many close speakers. */
export const SIMILAR_SHOWN = 5;

/**
 * Existing speakers whose name or alias is very close to `name` (same key, or
 * similarity at least SIMILAR_NAME_THRESHOLD), closest first.
 */
export async function similarSpeakers(db: Db, name: string): Promise<SpeakerMatch[]> {
  const text = name.trim();
  if (text === '') return [];
  const rows = await db.$queryRaw<MatchRow[]>`
    WITH nearest AS (
      (SELECT s.id AS speaker_id, s.name AS matched, 'name' AS via FROM speakers s
       ORDER BY match_key(s.name) <-> match_key(${text}) LIMIT ${SIMILAR_SHOWN})
      UNION ALL
      (SELECT a.speaker_id, a.name, 'alias' FROM speaker_aliases a
       ORDER BY match_key(a.name) <-> match_key(${text}) LIMIT ${SIMILAR_SHOWN})
    ), scored AS (
      SELECT speaker_id, matched, via, match_key(matched) = match_key(${text}) AS exact,
             similarity(match_key(matched), match_key(${text})) AS sim
      FROM nearest
    ), best AS (
      SELECT DISTINCT ON (speaker_id) speaker_id, matched, via, exact, CASE WHEN exact THEN 1 ELSE sim END AS score
      FROM scored
      WHERE exact OR sim >= ${SIMILAR_NAME_THRESHOLD}
      ORDER BY speaker_id, exact DESC, score DESC, via DESC
    )
    SELECT s.slug, s.name, s.kind, best.matched, best.via, best.exact, best.score::float8 AS score
    FROM best JOIN speakers s ON s.id = best.speaker_id
    ORDER BY best.exact DESC, best.score DESC, s.name, s.id
    LIMIT ${SIMILAR_SHOWN}`;
  return rows.map(toMatch);
}

/** Creating a speaker whose name is very close to existing ones, without saying that it is a different one. */
export class SimilarSpeakerError extends ConflictError {
  readonly code = 'similar_speaker';
  constructor(
    readonly typed: string,
    readonly matches: SpeakerMatch[],
  ) {
    super(
      `A speaker with a very similar name is already on record: ${matches.map((m) => m.name).join(', ')}. ` +
        'Use that speaker, or confirm that this is a different one.',
    );
  }
}

/** Throws SimilarSpeakerError when `name` is very close to an existing speaker's, unless `allowSimilar`. */
export async function refuseSimilarSpeaker(db: Db, name: string, allowSimilar: boolean): Promise<void> {
  if (allowSimilar) return;
  const matches = await similarSpeakers(db, name);
  if (matches.length > 0) throw new SimilarSpeakerError(name, matches);
}

/** The API's body for a SimilarSpeakerError: 409 `similar_speaker` with the close speakers. */
export function similarSpeakerJson(error: SimilarSpeakerError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      matches: error.matches.map((m) => ({ slug: m.slug, name: m.name, matched: m.matched, score: m.score })),
    },
  };
}

/** The API's shape of a lookup match. */
export const speakerMatchJson = (m: SpeakerMatch) => ({
  slug: m.slug,
  name: m.name,
  kind: m.kind,
  matched: m.matched,
  via: m.via,
  exact: m.exact,
  score: m.score,
});
