import { SPEAKER_KINDS, STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import { COMMONEST_STANCE_CUE, ELSEWHERE_CUE } from '../extraction/stance';
import type { FieldErrors } from '../http/errors';
import { excerpt } from '../http/excerpt';
import { options, optionsKeeping, strengthOptions } from '../statements/statements.form-view';
import type { Choice } from '../statements/statements.choices';
import { NEW_SPEAKER, type ArticleSource, type ArticleValues, type ReviewRow } from './from-article.form';
import type { SavedStatement, SpeakerOption } from './from-article.service';

// View models of the three pages: the article form, the review (the article
// with each proposal marked, a fieldset per proposal) and what was saved.

export type Segment = { text: string; number?: number };
export type Mark = { number: number; start: number; end: number };

/**
 * The article cut into plain and marked pieces, in order. The template
 * escapes each piece, so no text of the article is ever written as HTML.
 * Offsets that are not whole numbers inside the text are left unmarked; a
 * mark overlapping the one before starts where that one ends.
 */
export function highlightSegments(text: string, marks: Mark[]): Segment[] {
  const valid = marks
    .filter(
      (m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= text.length && m.start < m.end,
    )
    .sort((a, b) => a.start - b.start || a.number - b.number);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const mark of valid) {
    const start = Math.max(mark.start, cursor);
    if (start >= mark.end) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start) });
    segments.push({ text: text.slice(start, mark.end), number: mark.number });
    cursor = mark.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

/** An offset as sent back by the form: a whole number, or NaN. */
const offset = (s: string) => (/^\d{1,7}$/.test(s) ? Number(s) : NaN);

const fieldId = (key: string) => key.replace(/\./g, '-');

function sourceFields(source: ArticleSource, errors: FieldErrors) {
  const field = (f: keyof ArticleSource) => ({
    id: fieldId(`source.${f}`),
    name: `source[${f}]`,
    value: source[f],
    error: errors[`source.${f}`],
  });
  return { publisher: field('publisher'), title: field('title'), url: field('url'), published_on: field('published_on') };
}

const ROW_LABELS: Record<string, string> = {
  keep: 'keep',
  speaker: 'speaker',
  new_speaker_kind: 'new speaker kind',
  kind: 'how it was said',
  text: 'text',
  said_on: 'date said',
  topic: 'topic',
  new_topic: 'new topic',
  stance: 'stance',
  strength: 'strength',
};

/** The fields outside the rows, in page order. */
const TOP_LABELS: Record<string, string> = {
  text: 'Article text',
  topic: 'Topic',
  'source.publisher': 'Source, publisher',
  'source.title': 'Source, title',
  'source.url': 'Source, web address',
  'source.published_on': 'Source, published',
  rows: 'Statements',
};
const TOP_ORDER = Object.keys(TOP_LABELS);

/** A link to each field with a message, in page order, for the summary at the top. */
function summary(errors: FieldErrors) {
  const entries = Object.entries(errors).map(([key, message]) => {
    const row = /^rows\.(\d+)\.(\w+)$/.exec(key);
    const label = row ? `Statement ${Number(row[1]) + 1}, ${ROW_LABELS[row[2]!] ?? row[2]}` : (TOP_LABELS[key] ?? key);
    const order = row ? TOP_ORDER.length + Number(row[1]) : TOP_ORDER.indexOf(key);
    return { href: `#${fieldId(key)}`, label, message, order };
  });
  entries.sort((a, b) => a.order - b.order);
  return entries.length > 0 ? entries : null;
}

export function articleFormView(values: ArticleValues, topics: Choice[], errors: FieldErrors = {}) {
  return {
    values,
    topicOptions: optionsKeeping(
      topics.map((t) => [t.slug, t.name]),
      values.topic,
    ),
    source: sourceFields(values.source, errors),
    errors,
    summary: summary(errors),
  };
}

function speakerChoices(row: ReviewRow, candidates: SpeakerOption[]) {
  return candidates.map((c) => ({
    slug: c.slug,
    name: c.name,
    kindLabel: SPEAKER_KINDS[c.kind],
    alias: c.via === 'alias' && c.matched !== c.name ? c.matched : undefined,
    checked: row.speaker_choice === c.slug,
  }));
}

function rowView(row: ReviewRow, i: number, candidates: SpeakerOption[], topics: Choice[], errors: FieldErrors, marked: boolean) {
  const key = (f: string) => `rows.${i}.${f}`;
  const ids = Object.fromEntries(Object.keys(ROW_LABELS).map((f) => [f, fieldId(key(f))]));
  const names = Object.fromEntries(
    [...Object.keys(ROW_LABELS), 'speaker_choice', 'allow_duplicate', 'span_start', 'span_end', 'mention'].map((f) => [
      f,
      `rows[${i}][${f}]`,
    ]),
  );
  const rowErrors = Object.fromEntries(Object.keys(ROW_LABELS).map((f) => [f, errors[key(f)]]));
  return {
    number: i + 1,
    anchor: `proposal-${i + 1}`,
    marked,
    ids,
    names,
    values: row,
    cues: row.cues.map((cue, j) => ({ cue, name: `rows[${i}][cues][${j}]` })),
    cueGroups: groupCues(row.cues),
    speakerChoices: speakerChoices(row, candidates),
    newSpeakerChecked: row.speaker_choice === NEW_SPEAKER,
    speakerKindOptions: options(Object.entries(SPEAKER_KINDS), row.new_speaker_kind),
    kindOptions: options(Object.entries(STATEMENT_KINDS), row.kind),
    topicOptions: optionsKeeping(
      topics.map((t) => [t.slug, t.name]),
      row.topic,
    ),
    stanceOptions: options(Object.entries(STANCES), row.stance),
    strengthOptions: strengthOptions(row.strength),
    // Offered again after a save that found the speaker already has these words.
    showAllowDuplicate: Boolean(errors[key('text')]?.includes('Record it anyway')) || row.allow_duplicate,
    errors: rowErrors,
    invalid: Object.values(rowErrors).some(Boolean),
  };
}

export type ReviewInput = {
  article: ArticleValues;
  rows: ReviewRow[];
  candidates: SpeakerOption[][];
  topics: Choice[];
  /** The article's topic, for the lead ("stances on …"). */
  topicName?: string;
  /** More proposals were found than the page lists. */
  cut?: { found: number };
  errors?: FieldErrors;
};

export function reviewView({ article, rows, candidates, topics, topicName, cut, errors = {} }: ReviewInput) {
  const marks = rows.map((row, i) => ({ number: i + 1, start: offset(row.span_start), end: offset(row.span_end) }));
  const segments = highlightSegments(article.text, marks);
  const marked = new Set(segments.flatMap((s) => (s.number ? [s.number] : [])));
  return {
    article,
    segments,
    source: sourceFields(article.source, errors),
    topicName,
    cut,
    rows: rows.map((row, i) => rowView(row, i, candidates[i] ?? [], topics, errors, marked.has(i + 1))),
    count: rows.length,
    keptCount: rows.filter((r) => r.keep).length,
    errors,
    summary: summary(errors),
  };
}

export function savedView(statements: SavedStatement[]) {
  return statements.map((s) => ({
    id: s.id,
    kind: s.kind,
    kindLabel: STATEMENT_KINDS[s.kind],
    text: excerpt(s.text, 240).text,
    speaker: s.speaker,
    topics: s.topics,
  }));
}

/**
 * A cue as the review page words it: the statement's own words are quoted;
 * a lean taken from the speaker's other statements or the sentences around
 * says where it comes from; the commonest stance says nothing led to it.
 */
function readCue(cue: string): { lead: string; words: string } {
  if (cue === COMMONEST_STANCE_CUE)
    return { lead: 'no words in or around it lean either way, so the commonest stance', words: '' };
  const at = cue.indexOf(ELSEWHERE_CUE);
  if (at < 0) return { lead: '', words: cue };
  const speaker = cue.slice(0, at);
  const rest = cue.slice(at + ELSEWHERE_CUE.length);
  const around = rest.startsWith('around: ');
  return {
    lead: around ? `the sentence that places ${speaker}:` : `${speaker} elsewhere:`,
    words: around ? rest.slice('around: '.length) : rest,
  };
}

/** Cues in order, those of one origin together: `Hikmat Al Hijri elsewhere: “Called for”, “must”`. */
export function groupCues(cues: string[]): { lead: string; words: string[] }[] {
  const groups: { lead: string; words: string[] }[] = [];
  for (const { lead, words } of cues.map(readCue)) {
    const last = groups.at(-1);
    const group = last && last.lead === lead ? last : { lead, words: [] };
    if (group !== last) groups.push(group);
    if (words) group.words.push(words);
  }
  return groups;
}
