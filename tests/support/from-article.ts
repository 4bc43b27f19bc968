import { readFileSync } from 'node:fs';
import path from 'node:path';

// Shared by the from-an-article tests: the reference article, and the review
// form as a browser posts it.

/** The reference article (shared/seed-article.txt), copied into the repository for CI. */
export const SEED_ARTICLE = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-article.txt'), 'utf8');

export type ReviewRowFields = {
  keep?: boolean;
  speaker: string;
  speaker_choice?: string;
  new_speaker_kind?: string;
  kind?: string;
  text: string;
  said_on?: string;
  topic?: string;
  new_topic?: string;
  stance?: string;
  strength?: string;
  allow_duplicate?: boolean;
  span_start?: string;
  span_end?: string;
  mention?: string;
  cues?: string[];
};

export const ARTICLE_SOURCE = {
  publisher: 'Example News',
  title: 'Druze leader calls for separate region',
  url: 'https://example.org/druze-region',
  published_on: '2025-08',
};

/** The review form's fields, flat (`rows[0][speaker]`), as urlencoded by a browser: an unticked box is not sent. */
export function reviewFields(
  rows: ReviewRowFields[],
  article: { text?: string; topic?: string; source?: Partial<typeof ARTICLE_SOURCE> } = {},
): [string, string][] {
  const source = { ...ARTICLE_SOURCE, ...article.source };
  const fields: [string, string][] = [
    ['text', article.text ?? SEED_ARTICLE],
    ['topic', article.topic ?? ''],
    ...Object.entries(source).map(([k, v]) => [`source[${k}]`, v] as [string, string]),
  ];
  rows.forEach((row, i) => {
    const name = (f: string) => `rows[${i}][${f}]`;
    if (row.keep !== false) fields.push([name('keep'), 'on']);
    if (row.allow_duplicate) fields.push([name('allow_duplicate'), 'on']);
    if (row.speaker_choice !== undefined) fields.push([name('speaker_choice'), row.speaker_choice]);
    const values: Record<string, string> = {
      speaker: row.speaker,
      new_speaker_kind: row.new_speaker_kind ?? 'person',
      kind: row.kind ?? 'quote',
      text: row.text,
      said_on: row.said_on ?? '2025-08',
      topic: row.topic ?? '',
      new_topic: row.new_topic ?? '',
      stance: row.stance ?? 'supports',
      strength: row.strength ?? '1',
      span_start: row.span_start ?? '',
      span_end: row.span_end ?? '',
      mention: row.mention ?? row.speaker,
    };
    for (const [k, v] of Object.entries(values)) fields.push([name(k), v]);
    (row.cues ?? []).forEach((cue, j) => fields.push([`rows[${i}][cues][${j}]`, cue]));
  });
  return fields;
}

export const encodeFields = (fields: [string, string][]) => new URLSearchParams(fields).toString();
