import { searchFeedLink } from '../feeds/feed-links';
import type { Db } from '../db/client';
import { textDirection } from '../domain/language';
import { SPEAKER_KINDS, STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import { ValidationError, type FieldErrors } from '../http/errors';
import { pageHref, pageLinks } from '../http/page-links';
import { DEFAULT_PAGE_SIZE, type PageRequest } from '../http/pagination';
import { fieldErrors } from '../http/validation';
import { toCard } from '../statements/statement-card';
import { ambiguousSpeaker } from '../statements/statements.form';
import { nameSuggestions, optionsKeeping } from '../statements/statements.form-view';
import {
  filterSuggestions,
  resolveSpeakerReference,
  topicFilterSlug,
  type FilterSuggestions,
} from '../statements/statements.choices';
import { headlineHtml, headlinePlain } from './highlight';
import { searchParams, SORTS } from './search.schema';
import { isEmptySearch, RANK_CAP, searchStatements, type SearchResult } from './search.service';

// GET /search: the form, the tips when nothing was asked, and a page of results.

export const PARAM_NAMES = ['q', 'speaker', 'speaker_kind', 'topic', 'stance', 'kind', 'language', 'from', 'to', 'sort'] as const;
type Typed = Record<(typeof PARAM_NAMES)[number], string>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const SORT_LABELS: Record<(typeof SORTS)[number], string> = { relevance: 'Best match first', newest: 'Newest first' };

/** The Speaker field may hold a name or an alias on the page; the API takes a slug. */
async function speakerSlug(db: Db, typed: string): Promise<{ slug?: string; error?: string }> {
  const value = typed.trim();
  if (value === '') return {};
  const found = await resolveSpeakerReference(db, value);
  if (found.match === 'one') return { slug: found.speaker.slug };
  if (found.match === 'several') return { error: ambiguousSpeaker(value, found) };
  return { error: `No speaker called "${value}" is on record` };
}

function searchForm(typed: Typed, choices: FilterSuggestions, errors: FieldErrors) {
  return {
    ...typed,
    speakerSuggestions: nameSuggestions(choices.speakers),
    topicSuggestions: nameSuggestions(choices.topics),
    speakerKindOptions: optionsKeeping(Object.entries(SPEAKER_KINDS), typed.speaker_kind),
    stanceOptions: optionsKeeping(Object.entries(STANCES), typed.stance),
    kindOptions: optionsKeeping(Object.entries(STATEMENT_KINDS), typed.kind),
    sortOptions: optionsKeeping(Object.entries(SORT_LABELS), typed.sort),
    filtersOpen:
      PARAM_NAMES.some((name) => name !== 'q' && typed[name].trim() !== '') || Object.keys(errors).some((k) => k !== 'q'),
    errors,
  };
}

/** Whether a headline is an excerpt that leaves out the start or the end of the text (shown as "…"). */
function excerptCuts(text: string, plain: string) {
  const edge = (s: string) => s.trim().slice(0, 12);
  const edgeEnd = (s: string) => s.trim().slice(-12);
  return { cutBefore: !text.trim().startsWith(edge(plain)), cutAfter: !text.trim().endsWith(edgeEnd(plain)) };
}

function summary(result: SearchResult): string {
  const n = result.matches.toLocaleString('en');
  if (result.matchesCapped) {
    const many = `More than ${RANK_CAP.toLocaleString('en')} statements match`;
    return result.rankingSkipped
      ? `${many}: too many to rank, so they are shown newest first. Add words or filters to rank them.`
      : `${many}, newest first.`;
  }
  const count = result.matches === 1 ? '1 statement matches' : `${n} statements match`;
  return `${count}${result.matches > 1 ? (result.order === 'relevance' ? ', best match first' : ', newest first') : ''}.`;
}

/** The search page's view model and status (422 when a filter cannot be read or names nothing). */
export async function searchPage(db: Db, query: Record<string, unknown>, page: PageRequest) {
  const typed = Object.fromEntries(PARAM_NAMES.map((name) => [name, text(query[name])])) as Typed;
  const [choices, speaker, topic] = await Promise.all([
    filterSuggestions(db),
    speakerSlug(db, typed.speaker),
    topicFilterSlug(db, typed.topic),
  ]);
  const parsed = searchParams.safeParse({ ...query, speaker: speaker.slug, topic: topic.slug });
  let errors: FieldErrors = {
    ...(parsed.success ? {} : fieldErrors(parsed.error)),
    ...(speaker.error ? { speaker: speaker.error } : {}),
    ...(topic.error ? { topic: topic.error } : {}),
  };
  const keep = { ...typed, limit: page.limit === DEFAULT_PAGE_SIZE ? undefined : page.limit };
  const base = { form: searchForm(typed, choices, errors), tips: true, title: 'Search' };
  if (!parsed.success || speaker.error || topic.error) return { status: 422, ...base };
  if (isEmptySearch(parsed.data)) return { status: 200, ...base };

  let result: SearchResult;
  try {
    result = await searchStatements(db, parsed.data, page);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors = error.fields;
    return { status: 422, ...base, form: searchForm(typed, choices, errors) };
  }
  const within = [
    result.speaker && {
      label: `in ${result.speaker.name}’s statements`,
      widenLabel: 'Search all speakers',
      widenHref: pageHref('/search', 1, { params: { ...keep, speaker: undefined } }),
    },
    result.topic && {
      label: `on ${result.topic.name}`,
      widenLabel: 'Search all topics',
      widenHref: pageHref('/search', 1, { params: { ...keep, topic: undefined } }),
    },
  ].filter((w) => !!w);
  return {
    status: 200,
    ...base,
    tips: false,
    title: typed.q.trim() ? `Search: ${typed.q.trim()}` : 'Search',
    feeds: [searchFeedLink(typed, typed.q.trim())],
    results: {
      summary: summary(result),
      within,
      hits: result.hits.map((hit) => ({
        ...toCard(hit),
        headlineHtml: headlineHtml(hit.headline),
        ...excerptCuts(hit.text, headlinePlain(hit.headline)),
        originalHeadlineHtml: hit.originalHeadline === null ? null : headlineHtml(hit.originalHeadline),
        originalLanguage: hit.originalLanguage,
        originalDir: textDirection(hit.originalLanguage ?? ''),
      })),
      pagination: pageLinks('/search', result, { params: keep }),
    },
  };
}
