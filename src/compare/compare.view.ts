import { textDirection } from '../domain/language';
import { SPEAKER_KINDS } from '../domain/vocabulary';
import type { FieldErrors } from '../http/errors';
import { excerpt } from '../http/excerpt';
import { recordHref } from '../http/record-link';
import { CONTRADICTION_WINDOW_DAYS } from '../statements/current-stance';
import { dateLabel, stanceBadge } from '../statements/statement-card';
import { nameSuggestions } from '../statements/statements.form-view';
import { MAX_SPEAKERS, MAX_TOPICS, SPEAKERS_PER_PAGE, type CompareRequest } from './compare.schema';
import { canonicalParams, queryString, type CompareSuggestions, type Comparison, type GridCell } from './compare.service';

// Plain objects for views/compare/index.hbs.

/** A cell shows this much of the quote; the link opens the whole statement. */
const CELL_EXCERPT = 120;

type Rows = { typed: string[]; limit: number; minimum: number };

/** The form's text rows: what is there, then a few blank ones (no JavaScript adds rows), within the limit. */
function rowsView(key: 'topic' | 'speaker', { typed, limit, minimum }: Rows, errors: FieldErrors) {
  const blanks = Math.max(0, Math.min(limit - typed.length, Math.max(2, minimum - typed.length)));
  return [...typed, ...Array<string>(blanks).fill('')].map((value, i) => ({
    id: `${key}-${i + 1}`,
    number: i + 1,
    value,
    error: errors[`${key}s.${i}`],
  }));
}

/** The field a message links to: a row (`topics.2` → `topic-3`), the first row of a list, or the field itself. */
function fieldAnchor(key: string): string {
  const row = /^(topic|speaker)s\.(\d+)$/.exec(key);
  if (row) return `${row[1]}-${Number(row[2]) + 1}`;
  return key === 'topics' ? 'topic-1' : key === 'speakers' ? 'speaker-1' : key;
}

/** The chooser: rows of topics and speakers, the kind and country, each message beside its field. */
function formView(
  values: { topics: string[]; speakers: string[]; kind: string; country: string },
  s: CompareSuggestions,
  errors: FieldErrors,
) {
  return {
    topicRows: rowsView('topic', { typed: values.topics, limit: MAX_TOPICS, minimum: 3 }, errors),
    speakerRows: rowsView('speaker', { typed: values.speakers, limit: MAX_SPEAKERS, minimum: 4 }, errors),
    kindOptions: Object.entries(SPEAKER_KINDS).map(([value, label]) => ({ value, label, selected: value === values.kind })),
    kind: values.kind,
    country: values.country,
    topicSuggestions: nameSuggestions(s.topics),
    speakerSuggestions: nameSuggestions(s.speakers),
    countries: s.countries,
    errors,
    summary: Object.entries(errors).map(([key, message]) => ({ href: `#${fieldAnchor(key)}`, message })),
  };
}

function cellView(cell: GridCell | undefined, speakerSlug: string, topicSlug: string) {
  if (!cell) return { empty: true };
  const quote = excerpt(cell.statement.text, CELL_EXCERPT);
  return {
    empty: false,
    badge: stanceBadge(cell.stance, cell.strength, cell.statement.kind),
    date: dateLabel(cell.saidOn, cell.saidOnPrecision),
    statementHref: `/statements/${cell.statement.id}`,
    recordHref: recordHref(speakerSlug, topicSlug),
    conflictingHref: cell.conflictingStatementId ? `/statements/${cell.conflictingStatementId}` : null,
    windowDays: CONTRADICTION_WINDOW_DAYS,
    quote: quote.text,
    noComment: cell.statement.kind === 'no_comment',
    // Quotation marks only around verbatim words: a paraphrase is what the source says was said.
    verbatim: cell.statement.kind === 'quote',
    kind: cell.statement.kind,
    language: cell.statement.language,
    dir: textDirection(cell.statement.language),
  };
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Short, so that it fits above the table on a phone; `description` says which speakers these are. */
const caption = (c: Comparison) => `Current stances: ${count(c.speakers.length, 'speaker')} × ${count(c.topics.length, 'topic')}`;

function description(c: Comparison): string {
  if (!c.filter) return 'The speakers in the order they were named.';
  const kind = c.filter.kind ? ` of kind “${SPEAKER_KINDS[c.filter.kind].toLowerCase()}”` : '';
  const country = c.filter.country ? ` from ${c.filter.country}` : '';
  const page = c.filter.page > 1 || c.filter.hasNext ? ` Page ${c.filter.page}, ${SPEAKERS_PER_PAGE} to a page.` : '';
  return `Every speaker${kind}${country} with a stance on record on at least one of these topics, by name.${page}`;
}

function gridView(c: Comparison) {
  const cells = new Map(c.cells.map((cell) => [`${cell.speakerId}:${cell.topicId}`, cell]));
  const query = queryString(canonicalParams(c));
  const pageHref = (page: number) =>
    `/compare?${queryString(canonicalParams({ ...c, filter: c.filter && { ...c.filter, page } }))}`;
  return {
    caption: caption(c),
    description: description(c),
    topics: c.topics.map((t) => ({ slug: t.slug, name: t.name })),
    rows: c.speakers.map((s) => ({
      speaker: { slug: s.slug, name: s.name, kindLabel: SPEAKER_KINDS[s.kind] },
      cells: c.topics.map((t) => cellView(cells.get(`${s.id}:${t.id}`), s.slug, t.slug)),
    })),
    shareHref: `/compare?${query}`,
    csvHref: `/compare.csv?${query}`,
    apiHref: `/api/v1/compare?${query}`,
    pagination: c.filter && {
      page: c.filter.page,
      prevHref: c.filter.page > 1 ? pageHref(c.filter.page - 1) : undefined,
      nextHref: c.filter.hasNext ? pageHref(c.filter.page + 1) : undefined,
      prevLabel: 'Previous',
      nextLabel: 'Next',
    },
    firstPageHref: c.filter && c.filter.page > 1 ? pageHref(1) : undefined,
  };
}

const title = (c: Comparison) => `Compare: ${c.topics.map((t) => t.name).join(', ')}`;

export function comparePageView(c: Comparison, s: CompareSuggestions) {
  const values = {
    topics: c.topics.map((t) => t.fieldText),
    speakers: c.named?.map((n) => n.fieldText) ?? [],
    kind: c.filter?.kind ?? '',
    country: c.filter?.country ?? '',
  };
  return { title: title(c), form: formView(values, s, {}), formOpen: false, grid: gridView(c) };
}

/** The page with what was typed and a message beside each field that needs attention (status 422). */
export function compareErrorView(r: CompareRequest, s: CompareSuggestions, errors: FieldErrors) {
  return { title: 'Compare', form: formView(r, s, errors), formOpen: true, grid: undefined };
}

/** Nothing chosen yet: the form, what the page does, and an example to open. */
export function compareEmptyView(s: CompareSuggestions, example: [string, string][] | undefined) {
  const empty = { topics: [], speakers: [], kind: '', country: '' };
  return {
    title: 'Compare',
    form: formView(empty, s, {}),
    formOpen: true,
    grid: undefined,
    intro: true,
    exampleHref: example && `/compare?${queryString(example)}`,
  };
}
