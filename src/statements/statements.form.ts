import { bag, formRows, text, type Bag } from '../http/form-bag';
import type { FieldErrors } from '../http/errors';
import type { SpeakerReference } from './statements.choices';

// The add-a-statement form as typed: every value a string, kept exactly as
// sent so that a failed submit shows it again unchanged. Field names follow
// the API (`positions[0][stance]`), except that `speaker` is whatever was
// typed (a name, an alias or a slug), plus `new_speaker[kind]` and
// `positions[i][new_topic]` for the "or create one" fields.

export type PositionRow = { topic: string; new_topic: string; stance: string; strength: string };
export type SourceRow = { publisher: string; title: string; url: string; published_on: string; archived_url: string };
/** "This statement [kind] statement [id or permalink]". */
export type RelationRow = { kind: string; statement: string };

export type StatementFormValues = {
  speaker: string;
  new_speaker: { kind: string };
  kind: string;
  text: string;
  language: string;
  original_text: string;
  original_language: string;
  said_on: string;
  place: string;
  context: string;
  attribution: string;
  source_unknown: boolean;
  positions: PositionRow[];
  sources: SourceRow[];
  relations: RelationRow[];
  /** "This is a different speaker — create it anyway", after a warning that the new speaker's name is very close to another's. */
  confirm_new_speaker: boolean;
  /** "Record it anyway", after a warning that the speaker already has nearly the same words on record. */
  allow_duplicate: boolean;
};

/** More rows than the schema allows are read anyway, so that the form can say "at most …" instead of dropping them. */
const MAX_ROWS = 40;

const isBlank = (values: string[]) => values.every((v) => v.trim() === '');
const rows = (v: unknown) => formRows(v, MAX_ROWS);

function positionRow(row: Bag): PositionRow {
  return { topic: text(row.topic), new_topic: text(row.new_topic), stance: text(row.stance), strength: text(row.strength) };
}

function relationRow(row: Bag): RelationRow {
  return { kind: text(row.kind), statement: text(row.statement) };
}

function sourceRow(row: Bag): SourceRow {
  return {
    publisher: text(row.publisher),
    title: text(row.title),
    url: text(row.url),
    published_on: text(row.published_on),
    archived_url: text(row.archived_url),
  };
}

/**
 * The urlencoded body as form values. Completely blank rows are dropped (the
 * strength select always has a value, so it alone does not make a row), so
 * row i of the values is row i of the API input and errors line up.
 */
export function readStatementForm(body: unknown): StatementFormValues {
  const b = bag(body);
  const speaker = bag(b.new_speaker);
  // A speaker chosen under "Did you mean …?" (a slug) replaces what was typed.
  const chosen = text(b.speaker_choice).trim();
  return {
    speaker: chosen !== '' ? chosen : text(b.speaker),
    new_speaker: { kind: text(speaker.kind) },
    kind: text(b.kind),
    text: text(b.text),
    language: text(b.language),
    original_text: text(b.original_text),
    original_language: text(b.original_language),
    said_on: text(b.said_on),
    place: text(b.place),
    context: text(b.context),
    attribution: text(b.attribution),
    source_unknown: b.source_unknown === 'on',
    positions: rows(b.positions)
      .map(positionRow)
      .filter((r) => !isBlank([r.topic, r.new_topic, r.stance])),
    sources: rows(b.sources)
      .map(sourceRow)
      .filter((r) => !isBlank(Object.values(r))),
    relations: rows(b.relations)
      .map(relationRow)
      .filter((r) => !isBlank([r.kind, r.statement])),
    confirm_new_speaker: b.confirm_new_speaker === 'on',
    allow_duplicate: b.allow_duplicate === 'on',
  };
}

/**
 * The statement a relation row names: its id ("12", "#12") or its permalink
 * ("/statements/12", "http://host/statements/12", with or without a trailing
 * slash, query or fragment). Undefined when it is neither.
 */
export function statementRef(typed: string): number | undefined {
  const t = typed.trim();
  const match = /^#?\s*(\d{1,10})$/.exec(t) ?? /^(?:https?:\/\/[^/\s?#]+)?\/statements\/(\d{1,10})\/?(?:[?#]\S*)?$/i.exec(t);
  return match ? Number(match[1]) : undefined;
}

/** An empty form; `speaker` is the Speaker field's text, `topic` preselects the first topic. */
export function blankStatementForm(prefill: { speaker?: unknown; topic?: unknown } = {}): StatementFormValues {
  const topic = text(prefill.topic);
  return {
    ...readStatementForm({}),
    speaker: text(prefill.speaker),
    language: 'en',
    positions: topic ? [{ topic, new_topic: '', stance: '', strength: '1' }] : [],
  };
}

const orUndefined = (v: string) => (v.trim() === '' ? undefined : v);

const list = (items: string[]) => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);

/** The message for a name or alias several speakers answer to, naming each with the slug that tells them apart. */
export function ambiguousSpeaker(typed: string, found: Extract<SpeakerReference, { match: 'several' }>): string {
  const shown = found.speakers.map((s) => `${s.name} (slug ${s.slug})`);
  const names = list(found.more ? [...shown, 'others'] : shown);
  return found.via === 'name'
    ? `More than one speaker is called "${typed}": ${names}. Type the slug of the one you mean.`
    : `"${typed}" is another name for more than one speaker: ${names}. Type the name or slug of the one you mean.`;
}

/**
 * The Speaker field in the API's shape: the slug of the speaker it names; a
 * new speaker `{name, kind}` when it names nobody and a kind was chosen;
 * otherwise nothing, with the message to show beside the field.
 */
function speakerInput(values: StatementFormValues, found: SpeakerReference): { speaker?: unknown; error?: string } {
  const typed = values.speaker.trim();
  if (typed === '') return { error: 'Type who said it: a name, an alias or a slug' };
  if (found.match === 'one') return { speaker: found.speaker.slug };
  if (found.match === 'several') return { error: ambiguousSpeaker(typed, found) };
  if (values.new_speaker.kind.trim() !== '') return { speaker: { name: values.speaker, kind: values.new_speaker.kind } };
  return {
    error: `No speaker called "${typed}" is on record. Check the spelling, or choose a kind below to add them as a new speaker.`,
  };
}

/**
 * The values in newStatementInput's shape, with the errors only the form can
 * make: a speaker that is not on record or not one, and picking an existing
 * topic and naming a new one at once. `found` is what the Speaker field names.
 */
export function statementFormInput(values: StatementFormValues, found: SpeakerReference): { input: Bag; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const speaker = speakerInput(values, found);
  if (speaker.error) errors.speaker = speaker.error;
  const positions = values.positions.map((row, i) => {
    const newTopic = !isBlank([row.new_topic]);
    if (newTopic && row.topic.trim() !== '') errors[`positions.${i}.topic`] = 'Choose a topic or name a new one, not both';
    return {
      topic: newTopic ? { name: row.new_topic } : orUndefined(row.topic),
      stance: orUndefined(row.stance),
      strength: orUndefined(row.strength),
    };
  });
  const relations = values.relations.map((row, i) => {
    const id = statementRef(row.statement);
    if (row.statement.trim() !== '' && id === undefined)
      errors[`relations.${i}.statement_id`] = 'Give the other statement’s number (12) or its address (/statements/12)';
    return { kind: orUndefined(row.kind), statement_id: id };
  });
  const { new_speaker: _n, source_unknown, speaker: _s, confirm_new_speaker, allow_duplicate, ...fields } = values;
  const input = {
    ...fields,
    speaker: speaker.speaker,
    language: values.language.trim() === '' ? undefined : values.language,
    source_unknown,
    positions,
    relations,
    allow_duplicate,
    allow_similar_name: confirm_new_speaker,
  };
  return { input, errors };
}
