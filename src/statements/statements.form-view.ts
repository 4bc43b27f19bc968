import { RELATION_KINDS, SPEAKER_KINDS, STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import type { FieldErrors } from '../http/errors';
import { excerpt } from '../http/excerpt';
import type { SpeakerMatch } from '../speakers/speakers.lookup';
import { dateLabel } from './statement-card';
import type { DuplicateMatch } from './statements.duplicates';
import type { Choice } from './statements.choices';
import type { PositionRow, RelationRow, SourceRow, StatementFormValues } from './statements.form';

// The add-a-statement form's view model: options with their selection, one
// message beside each field, and a summary linking to each of them.

const POSITION_ROWS = 3;
const SOURCE_ROWS = 2;
const RELATION_ROWS = 2;
const SOURCE_FIELDS = ['publisher', 'title', 'url', 'published_on', 'archived_url'] as const;

// In the order the form shows them, which is the order of the summary.
const TOP_LABELS: Record<string, string> = {
  // A new speaker's name is what was typed in Speaker, so its messages go there.
  speaker: 'Speaker',
  'speaker.kind': 'New speaker kind',
  kind: 'How it was said',
  text: 'Text',
  language: 'Language',
  said_on: 'Date said',
  original_text: 'Original text',
  original_language: 'Original language',
  place: 'Place',
  attribution: 'Attribution',
  context: 'Context',
  positions: 'Topics and stances',
  sources: 'Sources',
  source_unknown: 'Source unknown',
  relations: 'Related statements',
};
const ROW_LABELS: Record<string, string> = {
  topic: 'topic',
  'topic.name': 'new topic name',
  stance: 'stance',
  strength: 'strength',
  publisher: 'publisher',
  title: 'title',
  url: 'web address',
  published_on: 'publication date',
  archived_url: 'archived copy',
  kind: 'relation',
  statement_id: 'statement',
};

/** Every place a message can be shown beside a field, for this many rows, in the form's order. */
function slots(positionRows: number, sourceRows: number, relationRows: number): string[] {
  const rows = (list: string, count: number, fields: readonly string[]) =>
    Array.from({ length: count }, (_, i) => fields.map((f) => `${list}.${i}.${f}`)).flat();
  return Object.keys(TOP_LABELS).flatMap((key) => {
    if (key === 'positions') return [key, ...rows(key, positionRows, ['topic', 'topic.name', 'stance', 'strength'])];
    if (key === 'sources') return [key, ...rows(key, sourceRows, SOURCE_FIELDS)];
    if (key === 'relations') return [key, ...rows(key, relationRows, ['kind', 'statement_id'])];
    return [key];
  });
}

/** The field a message belongs beside: its own, else the nearest enclosing one; '' for the summary only. */
function slotOf(key: string, known: ReadonlySet<string>): string {
  const parts = key.split('.');
  while (parts.length > 0 && !known.has(parts.join('.'))) parts.pop();
  return parts.join('.');
}

export const fieldId = (key: string) => key.replace(/\./g, '-');

function labelOf(key: string): string {
  const row = /^(positions|sources|relations)\.(\d+)\.(.+)$/.exec(key);
  if (!row) return TOP_LABELS[key] ?? 'Form';
  const [, list, index, field] = row;
  const title = { positions: 'Topic', sources: 'Source', relations: 'Related statement' }[list as 'positions'];
  return `${title} ${Number(index) + 1}, ${ROW_LABELS[field!] ?? field}`;
}

function placeErrors(errors: FieldErrors, ordered: string[]) {
  const known = new Set(ordered);
  const beside: Record<string, string> = {};
  const summary = Object.entries(errors).map(([key, message]) => {
    const slot = slotOf(key, known);
    if (slot) beside[slot] = beside[slot] ? `${beside[slot]} ${message}` : message;
    return {
      href: slot ? `#${fieldId(slot)}` : undefined,
      label: labelOf(slot || key),
      message,
      order: slot ? ordered.indexOf(slot) : -1,
    };
  });
  summary.sort((a, b) => a.order - b.order);
  return { beside, summary };
}

export const options = (entries: [string, string][], current: string) =>
  entries.map(([value, label]) => ({ value, label, selected: value === current }));

/** Options that keep the current value even when the bounded list does not hold it, so a submit never loses it. */
/** A position's strength: plain unless chosen otherwise. */
export const strengthOptions = (current: string) =>
  options(
    [
      ['1', 'Plain'],
      ['2', 'Strong (“categorically”)'],
    ],
    current || '1',
  );

export function optionsKeeping(entries: [string, string][], current: string) {
  const kept = current !== '' && !entries.some(([value]) => value === current);
  return options(kept ? [...entries, [current, current]] : entries, current);
}

/**
 * Suggestions for the Speaker field: each speaker's name, or its slug (labelled
 * with the name) when two suggested speakers share a name, since the name alone
 * would then be sent back as ambiguous.
 */
export function nameSuggestions(speakers: Choice[]) {
  const count = new Map<string, number>();
  for (const s of speakers) count.set(s.name.toLowerCase(), (count.get(s.name.toLowerCase()) ?? 0) + 1);
  return speakers.map((s) =>
    count.get(s.name.toLowerCase())! > 1 ? { value: s.slug, label: s.name } : { value: s.name, label: undefined },
  );
}

function positionRowView(row: PositionRow, i: number, topics: Choice[], beside: Record<string, string>) {
  const key = (f: string) => `positions.${i}.${f}`;
  return {
    number: i + 1,
    ids: {
      topic: fieldId(key('topic')),
      topicName: fieldId(key('topic.name')),
      stance: fieldId(key('stance')),
      strength: fieldId(key('strength')),
    },
    names: {
      topic: `positions[${i}][topic]`,
      newTopic: `positions[${i}][new_topic]`,
      stance: `positions[${i}][stance]`,
      strength: `positions[${i}][strength]`,
    },
    newTopic: row.new_topic,
    topicOptions: optionsKeeping(
      topics.map((t) => [t.slug, t.name]),
      row.topic,
    ),
    stanceOptions: options(Object.entries(STANCES), row.stance),
    strengthOptions: strengthOptions(row.strength),
    errors: {
      topic: beside[key('topic')],
      topicName: beside[key('topic.name')],
      stance: beside[key('stance')],
      strength: beside[key('strength')],
    },
  };
}

function sourceRowView(row: SourceRow, i: number, beside: Record<string, string>) {
  const field = (f: (typeof SOURCE_FIELDS)[number]) => ({
    id: fieldId(`sources.${i}.${f}`),
    name: `sources[${i}][${f}]`,
    value: row[f],
    error: beside[`sources.${i}.${f}`],
  });
  return { number: i + 1, ...Object.fromEntries(SOURCE_FIELDS.map((f) => [f, field(f)])) };
}

const RELATION_OPTIONS = Object.entries(RELATION_KINDS).map(
  ([value, { forward }]) => [value, forward.toLowerCase()] as [string, string],
);

function relationRowView(row: RelationRow, i: number, beside: Record<string, string>) {
  const key = (f: string) => `relations.${i}.${f}`;
  return {
    number: i + 1,
    ids: { kind: fieldId(key('kind')), statement: fieldId(key('statement_id')) },
    names: { kind: `relations[${i}][kind]`, statement: `relations[${i}][statement]` },
    statement: row.statement,
    kindOptions: options(RELATION_OPTIONS, row.kind),
    errors: { kind: beside[key('kind')], statement: beside[key('statement_id')] },
  };
}

/** What the form found besides field errors: close speakers, and statements this one may repeat. */
export type FormWarnings = {
  /** "Did you mean …?": speakers close to a name that matches none exactly. */
  didYouMean?: SpeakerMatch[];
  /** Speakers whose name is very close to the new speaker's. */
  similarSpeakers?: SpeakerMatch[];
  /** The speaker's statements with nearly the same words. */
  duplicates?: DuplicateMatch[];
};

const matchView = (m: SpeakerMatch) => ({
  slug: m.slug,
  name: m.name,
  kindLabel: SPEAKER_KINDS[m.kind],
  alias: m.via === 'alias' && m.matched !== m.name ? m.matched : undefined,
});

function warningsView(values: StatementFormValues, warnings: FormWarnings) {
  const duplicates = (warnings.duplicates ?? []).map((d) => ({
    id: d.id,
    date: dateLabel(d.saidOn, d.saidOnPrecision).label,
    text: excerpt(d.text, 200).text,
  }));
  return {
    didYouMean: warnings.didYouMean?.length ? warnings.didYouMean.map(matchView) : null,
    similarSpeakers: warnings.similarSpeakers?.length ? warnings.similarSpeakers.map(matchView) : null,
    // Once ticked, a confirmation stays on the form until it is saved, whatever else failed.
    showConfirmNewSpeaker: Boolean(warnings.similarSpeakers?.length) || values.confirm_new_speaker,
    duplicates: duplicates.length > 0 ? duplicates : null,
    showAllowDuplicate: duplicates.length > 0 || values.allow_duplicate,
  };
}

function padded<T>(rows: T[], minimum: number, blank: T): T[] {
  const count = Math.max(minimum, rows.length + 1);
  return [...rows, ...Array.from({ length: count - rows.length }, () => blank)];
}

export function statementFormView(
  values: StatementFormValues,
  choices: { speakers: Choice[]; topics: Choice[]; topicsCut: boolean },
  errors: FieldErrors = {},
  warnings: FormWarnings = {},
) {
  const relationRows = padded(values.relations, RELATION_ROWS, { kind: '', statement: '' });
  const positionRows = padded(values.positions, POSITION_ROWS, { topic: '', new_topic: '', stance: '', strength: '1' });
  const sourceRows = padded(values.sources, SOURCE_ROWS, {
    publisher: '',
    title: '',
    url: '',
    published_on: '',
    archived_url: '',
  });
  const { beside, summary } = placeErrors(errors, slots(positionRows.length, sourceRows.length, relationRows.length));
  return {
    values,
    speakerSuggestions: nameSuggestions(choices.speakers),
    topicsCut: choices.topicsCut,
    speakerKindOptions: options(Object.entries(SPEAKER_KINDS), values.new_speaker.kind),
    kindOptions: options(Object.entries(STATEMENT_KINDS), values.kind),
    positionRows: positionRows.map((row, i) => positionRowView(row, i, choices.topics, beside)),
    sourceRows: sourceRows.map((row, i) => sourceRowView(row, i, beside)),
    relationRows: relationRows.map((row, i) => relationRowView(row, i, beside)),
    ...warningsView(values, warnings),
    errors: beside,
    summary: summary.length > 0 ? summary : null,
  };
}
