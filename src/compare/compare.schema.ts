import { SPEAKER_KINDS } from '../domain/vocabulary';
import type { FieldErrors } from '../http/errors';
import type { SpeakerKind } from '../generated/prisma/enums';

// What /compare, /compare.csv and GET /api/v1/compare read from the address.
// `topics` and `speakers` are comma-separated lists (the shareable form, of
// slugs); `topic` and `speaker` repeat, one typed reference each (the form's
// rows, where a name may hold a comma). Each reference is a slug, a name or,
// for a speaker, an alias.

export const MAX_TOPICS = 20;
export const MAX_SPEAKERS = 50;
export const SPEAKERS_PER_PAGE = 50;
const MAX_PAGE = 10_000;
const MAX_REFERENCE = 200;
const MAX_COUNTRY = 100;
/** Rows past the limits are still read (and refused), so the message can say how many were sent. */
const MAX_READ = 500;

export type CompareRequest = {
  /** The topic references as typed, in order, blanks dropped. */
  topics: string[];
  speakers: string[];
  kind: string;
  country: string;
  page: string;
};

export type CompareInput = {
  topics: string[];
  speakers: string[];
  kind: SpeakerKind | undefined;
  country: string | undefined;
  page: number;
};

/** Strings from a query value: qs gives a string, an array, or an object when indices are sparse or many. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.entries(value)
          .filter(([k]) => /^\d+$/.test(k))
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, v]) => v)
      : [];
  return list.filter((v): v is string => typeof v === 'string').slice(0, MAX_READ);
}

const nonBlank = (list: string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
const first = (value: unknown) => strings(value)[0] ?? '';

export function readCompareRequest(query: Record<string, unknown>): CompareRequest {
  const listed = (key: string) => nonBlank(strings(query[key]).flatMap((s) => s.split(',')));
  return {
    topics: [...listed('topics'), ...nonBlank(strings(query.topic))].slice(0, MAX_READ),
    speakers: [...listed('speakers'), ...nonBlank(strings(query.speaker))].slice(0, MAX_READ),
    kind: first(query.kind).trim(),
    country: first(query.country).trim(),
    page: first(query.page).trim(),
  };
}

/** Nothing chosen at all: the page explains itself instead of complaining. */
export const isEmptyRequest = (r: CompareRequest) =>
  r.topics.length === 0 && r.speakers.length === 0 && r.kind === '' && r.country === '';

const isKind = (v: string): v is SpeakerKind => Object.hasOwn(SPEAKER_KINDS, v);

/**
 * The checks that need no database: the limits, a known kind, a topic to
 * compare on, and either named speakers or a kind/country, not both. Errors
 * are keyed by parameter (`topics`, `speakers`, `kind`, `country`) and, for one
 * reference, by its position (`topics.2`).
 */
export function validateCompareRequest(r: CompareRequest): { input?: CompareInput; errors: FieldErrors; withinLimits: boolean } {
  const errors: FieldErrors = {};
  if (r.topics.length === 0) errors.topics = 'Choose at least one topic';
  if (r.topics.length > MAX_TOPICS) errors.topics = `Choose at most ${MAX_TOPICS} topics (${r.topics.length} given)`;
  if (r.speakers.length > MAX_SPEAKERS)
    errors.speakers = `Name at most ${MAX_SPEAKERS} speakers (${r.speakers.length} given), or choose a kind or country instead`;
  const tooLong = (list: string[], key: string, what: string) =>
    list.forEach((s, i) => {
      if (s.length > MAX_REFERENCE) errors[`${key}.${i}`] = `${what} ${i + 1} is longer than ${MAX_REFERENCE} characters`;
    });
  tooLong(r.topics, 'topics', 'Topic');
  tooLong(r.speakers, 'speakers', 'Speaker');
  if (r.kind !== '' && !isKind(r.kind)) errors.kind = `Kind is one of ${Object.keys(SPEAKER_KINDS).join(', ')}`;
  if (r.country.length > MAX_COUNTRY) errors.country = `Keep the country under ${MAX_COUNTRY} characters`;
  if (r.speakers.length > 0 && (r.kind !== '' || r.country !== ''))
    errors.speakers ??= 'Name speakers or choose a kind or country, not both';
  const page = /^\d{1,5}$/.test(r.page) ? Number(r.page) : 1;
  // Rows are looked up only when there are not too many of them, none too long.
  const withinLimits =
    r.topics.length <= MAX_TOPICS && r.speakers.length <= MAX_SPEAKERS && !Object.keys(errors).some((k) => k.includes('.'));
  if (Object.keys(errors).length > 0) return { errors, withinLimits };
  return {
    input: {
      topics: r.topics,
      speakers: r.speakers,
      kind: r.kind === '' ? undefined : (r.kind as SpeakerKind),
      country: r.country === '' ? undefined : r.country,
      page: page >= 1 && page <= MAX_PAGE ? page : 1,
    },
    errors,
    withinLimits,
  };
}
