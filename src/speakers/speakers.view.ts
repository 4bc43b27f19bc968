import { derivationView } from '../history/history.view';
import { recordHref } from '../http/record-link';
import { textDirection } from '../domain/language';
import { SPEAKER_KINDS } from '../domain/vocabulary';
import type { FieldErrors } from '../http/errors';
import { excerpt } from '../http/excerpt';
import { speakerFeedLink } from '../feeds/feed-links';
import { formErrors, formValues } from '../http/form';
import { pageLinks } from '../http/page-links';
import type { Page } from '../http/pagination';
import { dateLabel, stanceBadge, toCard, type StatementCard } from '../statements/statement-card';
import type { SpeakerStance, speakerProfile } from './speakers.queries';
import type { SpeakerFilter } from './speakers.schema';
import type { SpeakerSummary } from './speakers.service';

// Plain objects for views/speakers/*.hbs.

export function kindOptions(selected: string | undefined) {
  return Object.entries(SPEAKER_KINDS).map(([value, label]) => ({ value, label, selected: value === selected }));
}

export function speakerListView(page: Page<SpeakerSummary>, filter: SpeakerFilter) {
  const filtered = Boolean(filter.q || filter.kind);
  return {
    title: 'Speakers',
    filter: { q: filter.q ?? '', kind: filter.kind ?? '', kindLabel: filter.kind ? SPEAKER_KINDS[filter.kind] : '' },
    filtered,
    kinds: kindOptions(filter.kind),
    speakers: page.items.map((s) => ({ ...s, kindLabel: SPEAKER_KINDS[s.kind] })),
    pagination: pageLinks('/speakers', page, { params: { q: filter.q, kind: filter.kind } }),
  };
}

function stanceRow(row: SpeakerStance, speakerSlug: string) {
  const quote = excerpt(row.statement.text, 300);
  return {
    recordHref: recordHref(speakerSlug, row.topic.slug),
    topic: row.topic,
    badge: stanceBadge(row.stance, row.strength, row.statement.kind),
    date: dateLabel(row.saidOn, row.saidOnPrecision),
    derivation: derivationView(
      speakerSlug,
      row.topic.slug,
      { id: row.statement.id, saidOn: row.saidOn, saidOnPrecision: row.saidOnPrecision },
      row.conflictingStatement,
    ),
    statement: {
      id: row.statement.id,
      kind: row.statement.kind,
      noComment: row.statement.kind === 'no_comment',
      text: quote.text,
      language: row.statement.language,
      dir: textDirection(row.statement.language),
    },
  };
}

type TopicGroup = { topic: { slug: string; name: string } | null; statements: StatementCard[] };

/** The page's statements under each of their topics (a statement on two topics shows under both), in page order. */
export function groupByTopic(cards: StatementCard[]): TopicGroup[] {
  const groups = new Map<string, TopicGroup>();
  for (const card of cards) {
    const topics = card.positions.length > 0 ? card.positions.map((p) => p.topic) : [null];
    for (const topic of topics) {
      const key = topic?.slug ?? '';
      if (!groups.has(key)) groups.set(key, { topic, statements: [] });
      groups.get(key)!.statements.push(card);
    }
  }
  return [...groups.values()];
}

export function speakerProfileView({ speaker, stances, statements }: Awaited<ReturnType<typeof speakerProfile>>) {
  const path = `/speakers/${encodeURIComponent(speaker.slug)}`;
  return {
    title: speaker.name,
    feeds: [speakerFeedLink(speaker)],
    speaker: { ...speaker, kindLabel: SPEAKER_KINDS[speaker.kind] },
    stances: stances.items.map((row) => stanceRow(row, speaker.slug)),
    stancesPage: stances.page,
    stancesPagination: pageLinks(path, stances, {
      pageParam: 'stances_page',
      params: { page: statements.page > 1 ? statements.page : undefined },
      fragment: 'stances',
      label: 'Pages of current stances',
    }),
    groups: groupByTopic(statements.items.map(toCard)),
    statementsPage: statements.page,
    pagination: pageLinks(path, statements, {
      params: { stances_page: stances.page > 1 ? stances.page : undefined },
      fragment: 'statements',
      label: 'Pages of statements',
      prevLabel: 'Newer',
      nextLabel: 'Older',
    }),
  };
}

const FORM_FIELDS = ['name', 'kind', 'description', 'country', 'aliases', 'member_of'] as const;

export function speakerFormView(body: unknown, errors: FieldErrors = {}, members: { slug: string; name: string }[] = []) {
  const values = formValues(body, FORM_FIELDS);
  return { title: 'Add a speaker', values, ...formErrors(errors), kinds: kindOptions(values.kind), members };
}
