import type { Db } from '../db/client';
import { STANCE_COLUMNS } from '../domain/vocabulary';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { DatePrecision, SpeakerKind, Stance, StatementKind } from '../generated/prisma/enums';

// A topic's comparison reads the current_stances rows (one per speaker), never
// the topic's whole history; each column is paged on its own.

export type ColumnKey = (typeof STANCE_COLUMNS)[number]['key'];
export const COLUMN_KEYS = STANCE_COLUMNS.map((c) => c.key) as [ColumnKey, ...ColumnKey[]];
export const PER_COLUMN = 25;

export type ComparisonEntry = {
  speaker: { slug: string; name: string; kind: SpeakerKind };
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statement: { id: number; kind: StatementKind; text: string; language: string };
  source: { publisher: string; url: string | null } | null;
  /** Set when the stance is unclear because of contradictory statements (src/statements/current-stance.ts). */
  conflicting: { id: number; saidOn: Date | null; saidOnPrecision: DatePrecision | null } | null;
};

export type ComparisonColumn = { key: ColumnKey; label: string; entries: Page<ComparisonEntry> };

type EntryRow = {
  column_key: ColumnKey;
  speaker_id: number;
  speaker_slug: string;
  speaker_name: string;
  speaker_kind: SpeakerKind;
  stance: Stance;
  strength: number;
  said_on: Date | null;
  said_on_precision: DatePrecision | null;
  statement_id: number;
  statement_kind: StatementKind;
  text: string;
  language: string;
  source_publisher: string | null;
  source_url: string | null;
  conflicting_id: number | null;
  conflicting_said_on: Date | null;
  conflicting_said_on_precision: DatePrecision | null;
};

/**
 * The four columns, each with one page of speakers (most recent stance first,
 * undated last), their quote and its first source, in one query. `paged` turns
 * one column to another page; the others show their first page.
 */
export async function topicComparison(
  db: Db,
  topicId: number,
  paged: { column?: ColumnKey | undefined; page: number },
  perColumn = PER_COLUMN,
): Promise<ComparisonColumn[]> {
  const pageOf = (key: ColumnKey) => (key === paged.column ? paged.page : 1);
  const keys = STANCE_COLUMNS.map((c) => c.key);
  const stances = STANCE_COLUMNS.map((c) => c.stances.join(','));
  const offsets = STANCE_COLUMNS.map((c) => (pageOf(c.key) - 1) * perColumn);
  // Each column's page of current stances is cut first (index on topic,
  // stance, date, speaker), and only those rows are joined to their speaker, statement
  // and source: joining first made PostgreSQL read every stance on a busy topic.
  const rows = await db.$queryRaw<EntryRow[]>`
    SELECT c.column_key, e.*
    FROM unnest(${keys}::text[], ${stances}::text[], ${offsets}::int[]) AS c(column_key, stances, skip)
    CROSS JOIN LATERAL (
      SELECT cs.speaker_id, sp.slug AS speaker_slug, sp.name AS speaker_name, sp.kind::text AS speaker_kind,
             cs.stance::text AS stance, cs.strength::int AS strength, cs.said_on, cs.said_on_precision::text AS said_on_precision,
             st.id AS statement_id, st.kind::text AS statement_kind, st.text, st.language,
             src.publisher AS source_publisher, src.url AS source_url,
             cf.id AS conflicting_id, cf.said_on AS conflicting_said_on,
             cf.said_on_precision::text AS conflicting_said_on_precision
      FROM (
        -- Per stance, an ordered index walk that stops after the page
        -- (\`stance = ANY(…)\` made PostgreSQL fetch and sort every row of the
        -- column); a two-stance column merges its two short walks.
        SELECT m.* FROM unnest(string_to_array(c.stances, ',')::"stance"[]) AS one(stance)
        CROSS JOIN LATERAL (
          SELECT * FROM current_stances
          WHERE topic_id = ${topicId} AND stance = one.stance
          ORDER BY said_on DESC NULLS LAST, speaker_id ASC
          LIMIT c.skip + ${perColumn + 1}
        ) m
        ORDER BY m.said_on DESC NULLS LAST, m.speaker_id ASC
        OFFSET c.skip LIMIT ${perColumn + 1}
      ) cs
      JOIN speakers sp ON sp.id = cs.speaker_id
      JOIN statements st ON st.id = cs.statement_id
      LEFT JOIN statements cf ON cf.id = cs.conflicting_statement_id
      LEFT JOIN LATERAL (
        SELECT s.publisher, s.url
        FROM statement_sources ss JOIN sources s ON s.id = ss.source_id
        WHERE ss.statement_id = st.id
        ORDER BY s.published_on ASC NULLS LAST, s.id ASC
        LIMIT 1
      ) src ON true
    ) e
    ORDER BY c.column_key, e.said_on DESC NULLS LAST, e.speaker_id ASC`;
  return STANCE_COLUMNS.map((c) => {
    const entries = rows.filter((r) => r.column_key === c.key).map(toEntry);
    return { key: c.key, label: c.label, entries: toPage(entries, { page: pageOf(c.key), limit: perColumn }) };
  });
}

function toEntry(r: EntryRow): ComparisonEntry {
  return {
    speaker: { slug: r.speaker_slug, name: r.speaker_name, kind: r.speaker_kind },
    stance: r.stance,
    strength: r.strength,
    saidOn: r.said_on,
    saidOnPrecision: r.said_on_precision,
    statement: { id: r.statement_id, kind: r.statement_kind, text: r.text, language: r.language },
    source: r.source_publisher === null ? null : { publisher: r.source_publisher, url: r.source_url },
    conflicting:
      r.conflicting_id === null
        ? null
        : { id: r.conflicting_id, saidOn: r.conflicting_said_on, saidOnPrecision: r.conflicting_said_on_precision },
  };
}

export type TopicStance = {
  speaker: { slug: string; name: string; kind: SpeakerKind };
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statementId: number;
  statementKind: StatementKind;
  conflictingStatementId: number | null;
};

/** Every speaker's current stance on the topic, grouped by stance, most recent first: the API's list. */
export async function topicStances(db: Db, topicId: number, page: PageRequest): Promise<Page<TopicStance>> {
  const rows = await db.currentStance.findMany({
    where: { topicId },
    select: {
      stance: true,
      strength: true,
      saidOn: true,
      saidOnPrecision: true,
      statementId: true,
      conflictingStatementId: true,
      speaker: { select: { slug: true, name: true, kind: true } },
      statement: { select: { kind: true } },
    },
    orderBy: [{ stance: 'asc' }, { saidOn: { sort: 'desc', nulls: 'last' } }, { speakerId: 'asc' }],
    ...pageWindow(page),
  });
  return toPage(
    rows.map(({ statement, ...row }) => ({ ...row, statementKind: statement.kind })),
    page,
  );
}
