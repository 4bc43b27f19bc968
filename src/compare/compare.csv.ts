import { stringify } from 'csv-stringify/sync';
import { formatIsoPartial } from '../domain/partial-date';
import { SPEAKER_KINDS, stanceLabel } from '../domain/vocabulary';
import type { Comparison } from './compare.service';

// The grid as CSV, one row per speaker (wide): the speaker's name, slug and
// kind, then for each topic three columns: the stance as the page words it
// ("Strongly opposes", "No comment"; empty when nothing is on record), the date
// it was said, as precise as the source (2025, 2025-08 or 2025-08-04), and the
// address of the statement behind it.

/** A spreadsheet runs a cell starting with one of these as a formula ("CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a would-be formula with a leading apostrophe, which spreadsheets show as text. */
export const guardFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

export function compareCsv(c: Comparison, siteUrl: string): string {
  const cells = new Map(c.cells.map((cell) => [`${cell.speakerId}:${cell.topicId}`, cell]));
  const header = [
    'Speaker',
    'Speaker slug',
    'Speaker kind',
    ...c.topics.flatMap((t) => [t.name, `${t.name}: date said`, `${t.name}: statement`]),
  ];
  const rows = c.speakers.map((s) => [
    s.name,
    s.slug,
    SPEAKER_KINDS[s.kind],
    ...c.topics.flatMap((t) => {
      const cell = cells.get(`${s.id}:${t.id}`);
      if (!cell) return ['', '', ''];
      return [
        stanceLabel(cell.stance, cell.strength, cell.statement.kind),
        cell.saidOn && cell.saidOnPrecision ? formatIsoPartial(cell.saidOn, cell.saidOnPrecision) : '',
        `${siteUrl}/statements/${cell.statement.id}`,
      ];
    }),
  ]);
  // The byte order mark lets spreadsheets read the file as UTF-8 (names in Arabic script, accents).
  return stringify(
    [header, ...rows].map((row) => row.map(guardFormula)),
    { bom: true, record_delimiter: 'windows' },
  );
}

/** `on-record-compare-<topic slugs>.csv`, ASCII only (a header value), short, with the page past the first. */
export function csvFilename(c: Comparison): string {
  const slugs = c.topics
    .map((t) => t.slug.replace(/[^a-z0-9-]/g, ''))
    .filter((s) => s !== '')
    .join('-')
    .slice(0, 80)
    .replace(/-+$/, '');
  const page = c.filter && c.filter.page > 1 ? `-page-${c.filter.page}` : '';
  return `on-record-compare-${slugs || 'grid'}${page}.csv`;
}
