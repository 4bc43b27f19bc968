import type { Db } from '../db/client';
import { STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import { ValidationError, type FieldErrors } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { DEFAULT_PAGE_SIZE, type PageRequest } from '../http/pagination';
import { toCard } from './statement-card';
import { listStatementCards, statementChoices, type Choice } from './statements.queries';
import { statementFilters, type StatementFilters } from './statements.schema';

// GET /statements: every statement, newest first, with the API's filters.

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function filterHref(filters: Record<string, string>, { page, limit }: PageRequest): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  if (limit !== DEFAULT_PAGE_SIZE) query.set('limit', String(limit));
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return `/statements${search ? `?${search}` : ''}`;
}

function filterForm(typed: Record<string, string>, choices: { speakers: Choice[]; topics: Choice[] }, errors: FieldErrors) {
  const options = (entries: [string, string][], current: string) =>
    entries.map(([value, label]) => ({ value, label, selected: value === current }));
  return {
    speakerOptions: options(
      choices.speakers.map((s) => [s.slug, s.name]),
      typed.speaker!,
    ),
    topicOptions: options(
      choices.topics.map((t) => [t.slug, t.name]),
      typed.topic!,
    ),
    stanceOptions: options(Object.entries(STANCES), typed.stance!),
    kindOptions: options(Object.entries(STATEMENT_KINDS), typed.kind!),
    errors,
  };
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
  const parsed = statementFilters.safeParse(query);
  const [choices, found] = await Promise.all([
    statementChoices(db),
    parsed.success ? findCards(db, parsed.data, page) : { page: null, errors: fieldErrors(parsed.error) },
  ]);
  const filtered = Object.values(typed).some((v) => v !== '');
  return {
    status: found.page ? 200 : 422,
    filters: filterForm(typed, choices, found.errors),
    filtered,
    cards: found.page?.items.map(toCard) ?? [],
    pagination: found.page && {
      page: found.page.page,
      prevHref: page.page > 1 ? filterHref(typed, { ...page, page: page.page - 1 }) : undefined,
      nextHref: found.page.hasNext ? filterHref(typed, { ...page, page: page.page + 1 }) : undefined,
      prevLabel: 'Newer',
      nextLabel: 'Older',
    },
  };
}
