import type { Proposal } from '../extraction/types';
import type { FieldErrors } from '../http/errors';
import { bag, formRows, text, type Bag } from '../http/form-bag';
import { ambiguousSpeaker } from '../statements/statements.form';
import type { SpeakerReference } from '../statements/statements.choices';

// The article form and the review form as typed: every value a string, kept
// exactly as sent so that a failed submit shows it again. Nothing is kept on
// the server between the two steps: the article, its source and what each
// proposal was (its place in the article, the words behind its stance) travel
// in the form itself.

export type ArticleSource = { publisher: string; title: string; url: string; published_on: string };

export type ArticleValues = {
  /** The article, with line ends as \n (a browser sends \r\n, which would move every offset). */
  text: string;
  /** The slug of the topic the stances are about, or ''. */
  topic: string;
  source: ArticleSource;
};

/** `rows[i][speaker_choice]` when the name typed is to be a speaker of its own, not one on record. */
export const NEW_SPEAKER = 'new';

export type ReviewRow = {
  keep: boolean;
  speaker: string;
  /** The slug of a matching speaker on record, NEW_SPEAKER, or '' when no match was offered. */
  speaker_choice: string;
  new_speaker_kind: string;
  kind: string;
  text: string;
  said_on: string;
  topic: string;
  new_topic: string;
  stance: string;
  strength: string;
  allow_duplicate: boolean;
  // What the proposal was, carried along to show it again.
  span_start: string;
  span_end: string;
  mention: string;
  cues: string[];
};

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : Object.values(bag(v))).filter((x): x is string => typeof x === 'string').slice(0, 20);
const checked = (v: unknown) => v === 'on';

/** \r\n and lone \r as \n: what the extractor's offsets were counted in. */
export const normaliseLineEnds = (s: string) => s.replace(/\r\n?/g, '\n');

export function readArticleForm(body: unknown): ArticleValues {
  const b = bag(body);
  const source = bag(b.source);
  return {
    text: normaliseLineEnds(text(b.text)),
    topic: text(b.topic),
    source: {
      publisher: text(source.publisher),
      title: text(source.title),
      url: text(source.url),
      published_on: text(source.published_on),
    },
  };
}

function reviewRow(row: Bag): ReviewRow {
  return {
    keep: checked(row.keep),
    speaker: text(row.speaker),
    speaker_choice: text(row.speaker_choice),
    new_speaker_kind: text(row.new_speaker_kind),
    kind: text(row.kind),
    text: normaliseLineEnds(text(row.text)),
    said_on: text(row.said_on),
    topic: text(row.topic),
    new_topic: text(row.new_topic),
    stance: text(row.stance),
    strength: text(row.strength),
    allow_duplicate: checked(row.allow_duplicate),
    span_start: text(row.span_start),
    span_end: text(row.span_end),
    mention: text(row.mention),
    cues: strings(row.cues),
  };
}

export function readReviewForm(body: unknown, maxRows: number): { article: ArticleValues; rows: ReviewRow[] } {
  return { article: readArticleForm(body), rows: formRows(bag(body).rows, maxRows).map(reviewRow) };
}

/** A proposal as a row of the review form: kept, with the topic of the article form and the suggested stance. */
export function proposalRow(proposal: Proposal, topic: string, matchSlugs: string[]): ReviewRow {
  return {
    keep: true,
    speaker: proposal.speaker.name,
    // The closest speaker on record is chosen; the editor may pick another or a new one.
    speaker_choice: matchSlugs[0] ?? '',
    new_speaker_kind: proposal.speaker.kind,
    kind: proposal.kind,
    text: proposal.text,
    said_on: '',
    topic,
    new_topic: '',
    stance: proposal.stance.stance,
    strength: String(proposal.stance.strength),
    allow_duplicate: false,
    span_start: String(proposal.span.start),
    span_end: String(proposal.span.end),
    mention: proposal.speaker.mention,
    cues: proposal.stance.cues,
  };
}

const orUndefined = (v: string) => (v.trim() === '' ? undefined : v);

/**
 * The speaker in the API's shape: the slug chosen among the matches; else what
 * the name typed names on record (a name, an alias, a slug); else a new speaker
 * of the kind chosen.
 */
function speakerInput(row: ReviewRow, found: SpeakerReference): { speaker?: unknown; error?: string } {
  if (row.speaker_choice !== '' && row.speaker_choice !== NEW_SPEAKER) return { speaker: row.speaker_choice };
  const typed = row.speaker.trim();
  if (typed === '') return { error: 'Type who said it: a name, an alias or a slug' };
  if (found.match === 'one') return { speaker: found.speaker.slug };
  if (found.match === 'several') return { error: ambiguousSpeaker(typed, found) };
  return { speaker: { name: row.speaker, kind: row.new_speaker_kind } };
}

/**
 * A kept row in newStatementInput's shape, with the errors only the form can
 * make. The source is the article's, stored once for every row, so a row
 * itself is valid without one (`source_unknown` here; the save links the
 * source instead). `found` is what the Speaker field names on record.
 */
export function reviewRowInput(row: ReviewRow, found: SpeakerReference): { input: Bag; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const speaker = speakerInput(row, found);
  if (speaker.error) errors.speaker = speaker.error;
  const newTopic = row.new_topic.trim() !== '';
  if (newTopic && row.topic.trim() !== '') errors['positions.0.topic'] = 'Choose a topic or name a new one, not both';
  const input = {
    speaker: speaker.speaker,
    kind: row.kind,
    text: row.text,
    language: 'en',
    said_on: row.said_on,
    source_unknown: true,
    positions: [
      {
        topic: newTopic ? { name: row.new_topic } : orUndefined(row.topic),
        stance: orUndefined(row.stance),
        strength: orUndefined(row.strength),
      },
    ],
    allow_duplicate: row.allow_duplicate,
    // Choosing "a new speaker" over the matches shown is the confirmation the statement form asks for.
    allow_similar_name: row.speaker_choice === NEW_SPEAKER,
  };
  return { input, errors };
}

/** A statement's error keys (newStatementInput's paths) as the review row's fields. */
const ROW_FIELD: Record<string, string> = {
  speaker: 'speaker',
  'speaker.name': 'speaker',
  'speaker.kind': 'new_speaker_kind',
  kind: 'kind',
  text: 'text',
  said_on: 'said_on',
  positions: 'topic',
  'positions.0': 'topic',
  'positions.0.topic': 'topic',
  'positions.0.topic.name': 'new_topic',
  'positions.0.topic.parent': 'new_topic',
  'positions.0.stance': 'stance',
  'positions.0.strength': 'strength',
};

/** Errors of row i, keyed `rows.i.<field>`; one the row has no field for is shown beside its text. */
export function rowErrors(i: number, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = ROW_FIELD[key] ?? 'text';
    const slot = `rows.${i}.${field}`;
    out[slot] = out[slot] ? `${out[slot]} ${message}` : message;
  }
  return out;
}
