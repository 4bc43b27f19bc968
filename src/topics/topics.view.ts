import { derivationView, recentShiftsView } from '../history/history.view';
import { stanceChartView } from '../history/stance-chart';
import { recordHref } from '../http/record-link';
import { textDirection } from '../domain/language';
import type { FieldErrors } from '../http/errors';
import { excerpt } from '../http/excerpt';
import { topicFeedLink } from '../feeds/feed-links';
import { formErrors, formValues } from '../http/form';
import { pageHref, pageLinks } from '../http/page-links';
import type { Page } from '../http/pagination';
import { dateLabel, stanceBadge, toCard } from '../statements/statement-card';
import type { ComparisonColumn, ComparisonEntry } from './topics.comparison';
import type { topicPage } from './topics.queries';
import type { TopicFilter } from './topics.schema';
import type { TopicRef, TopicSummary } from './topics.service';

// Plain objects for views/topics/*.hbs.

export function topicListView(page: Page<TopicSummary>, filter: TopicFilter) {
  return {
    title: 'Topics',
    filter: { q: filter.q ?? '' },
    filtered: Boolean(filter.q),
    topics: page.items.map((t) => ({ ...t, description: t.description ? excerpt(t.description, 200).text : null })),
    pagination: pageLinks('/topics', page, { params: { q: filter.q } }),
  };
}

function entryView(entry: ComparisonEntry, topicSlug: string) {
  return {
    recordHref: recordHref(entry.speaker.slug, topicSlug),
    speaker: entry.speaker,
    badge: stanceBadge(entry.stance, entry.strength, entry.statement.kind),
    date: dateLabel(entry.saidOn, entry.saidOnPrecision),
    statement: {
      id: entry.statement.id,
      kind: entry.statement.kind,
      noComment: entry.statement.kind === 'no_comment',
      text: excerpt(entry.statement.text, 400).text,
      language: entry.statement.language,
      dir: textDirection(entry.statement.language),
    },
    source: entry.source,
    derivation: derivationView(
      entry.speaker.slug,
      topicSlug,
      { id: entry.statement.id, saidOn: entry.saidOn, saidOnPrecision: entry.saidOnPrecision },
      entry.conflicting,
    ),
  };
}

function columnView(path: string, topicSlug: string, column: ComparisonColumn) {
  const { page, hasNext, items } = column.entries;
  const link = (n: number) => pageHref(path, n, { params: { column: column.key }, fragment: `col-${column.key}` });
  return {
    key: column.key,
    label: column.label,
    page,
    entries: items.map((entry) => entryView(entry, topicSlug)),
    moreHref: hasNext ? link(page + 1) : undefined,
    backHref: page > 1 ? (page === 2 ? `${path}#col-${column.key}` : link(page - 1)) : undefined,
  };
}

/** /compare preset with this topic and the speakers shown here (the topic alone, meaning all its speakers, past 50). */
function compareHref(topicSlug: string, columns: { entries: { speaker: { slug: string } }[] }[]): string {
  const speakers = [...new Set(columns.flatMap((c) => c.entries.map((e) => e.speaker.slug)))];
  const named = speakers.length > 0 && speakers.length <= 50 ? speakers.join(',') : undefined;
  return pageHref('/compare', 1, { params: { topics: topicSlug, speakers: named } });
}

export function topicPageView({ topic, columns, statements, shifts, months }: Awaited<ReturnType<typeof topicPage>>) {
  const path = `/topics/${encodeURIComponent(topic.slug)}`;
  const columnViews = columns.map((c) => columnView(path, topic.slug, c));
  return {
    title: topic.name,
    feeds: [topicFeedLink(topic)],
    topic,
    anyStance: columnViews.some((c) => c.entries.length > 0 || c.page > 1),
    compareHref: compareHref(topic.slug, columnViews),
    columns: columnViews,
    statements: statements.items.map(toCard),
    statementsPage: statements.page,
    pagination: pageLinks(path, statements, { fragment: 'statements', prevLabel: 'Earlier', nextLabel: 'Later' }),
    shifts: recentShiftsView(shifts),
    chart: stanceChartView(months, topic.name),
  };
}

const FORM_FIELDS = ['name', 'description', 'parent'] as const;

export function topicFormView(body: unknown, errors: FieldErrors = {}, parents: TopicRef[] = []) {
  return { title: 'Add a topic', values: formValues(body, FORM_FIELDS), ...formErrors(errors), parents };
}
