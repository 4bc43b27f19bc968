import type { Db } from '../db/client';
import { STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import { ValidationError, type FieldErrors } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { DEFAULT_PAGE_SIZE, type PageRequest } from '../http/pagination';
import { pageLinks } from '../http/page-links';
import { toCard } from './statement-card';
import { ambiguousSpeaker } from './statements.form';
import { nameSuggestions, optionsKeeping } from './statements.form-view';
import { listStatementCards } from './statements.queries';
import { filterSuggestions, resolveSpeakerReference, topicFilterSlug, type FilterSuggestions } from './statements.choices';
import { statementFilters, type StatementFilters } from './statements.schema';

// GET /statements: every statement, newest first, with the API's filters.

const text = (v: unknown) => (typeof v === 'string' ? v : '');

// The speaker and the topic are typed (a name, or a slug; a speaker also by
// another name), with a bounded list of suggestions each.
function filterForm(typed: Record<string, string>, choices: FilterSuggestions, errors: FieldErrors) {
  return {
    speaker: typed.speaker,
    speakerSuggestions: nameSuggestions(choices.speakers),
    topic: typed.topic,
    topicSuggestions: nameSuggestions(choices.topics),
    stanceOptions: optionsKeeping(Object.entries(STANCES), typed.stance!),
    kindOptions: optionsKeeping(Object.entries(STATEMENT_KINDS), typed.kind!),
    errors,
  };
}

/** The speaker filter as a slug: what was typed may also be a name or an alias. */
async function speakerFilter(db: Db, typed: string): Promise<{ slug?: string; error?: string }> {
  const text = typed.trim();
  if (text === '') return {};
  const found = await resolveSpeakerReference(db, text);
  if (found.match === 'one') return { slug: found.speaker.slug };
  if (found.match === 'several') return { error: ambiguousSpeaker(text, found) };
  return { error: `No speaker called "${text}" is on record` };
}

async function findCards(db: Db, filters: StatementFilters, page: PageRequest) {
  try {
    return { page: await listStatementCards(db, filters, page), errors: {} };
  } catch (error) {
    if (error instanceof ValidationError) return { page: null, errors: error.fields };
    throw error;
  }
}

/** The list page's view model; status 422 when a filter names nothing (the API answers the same). */
export async function statementListPage(db: Db, query: Record<string, unknown>, page: PageRequest) {
  const typed = { speaker: text(query.speaker), topic: text(query.topic), stance: text(query.stance), kind: text(query.kind) };
  const [choices, speaker, topic] = await Promise.all([
    filterSuggestions(db),
    speakerFilter(db, typed.speaker),
    topicFilterSlug(db, typed.topic),
  ]);
  const parsed = statementFilters.safeParse({ ...query, speaker: speaker.slug, topic: topic.slug });
  const found =
    parsed.success && !speaker.error && !topic.error
      ? await findCards(db, parsed.data, page)
      : {
          page: null,
          errors: {
            ...(parsed.success ? {} : fieldErrors(parsed.error)),
            ...(speaker.error ? { speaker: speaker.error } : {}),
            ...(topic.error ? { topic: topic.error } : {}),
          },
        };
  const filtered = Object.values(typed).some((v) => v !== '');
  return {
    status: found.page ? 200 : 422,
    filters: filterForm(typed, choices, found.errors),
    filtered,
    cards: found.page?.items.map(toCard) ?? [],
    pagination:
      found.page &&
      pageLinks('/statements', found.page, {
        params: { ...typed, limit: page.limit === DEFAULT_PAGE_SIZE ? undefined : page.limit },
        prevLabel: 'Newer',
        nextLabel: 'Older',
      }),
  };
}
