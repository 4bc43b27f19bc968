import { textDirection } from '../domain/language';
import { STANCES, STATEMENT_KINDS } from '../domain/vocabulary';
import type { DatePrecision, StatementKind } from '../generated/prisma/enums';
import { pageLinks } from '../http/page-links';
import { recordHref } from '../http/record-link';
import { CONTRADICTION_WINDOW_DAYS } from '../statements/current-stance';
import { dateLabel, stanceBadge } from '../statements/statement-card';
import type { HistoryEntry, RecentShift, StanceHistory } from './history.queries';

// Plain objects for views/history/*.hbs and the partials stance-derivation,
// recent-shifts and stance-chart.

type Ref = { id: number; kind?: StatementKind; saidOn: Date | null; saidOnPrecision: DatePrecision | null };

/**
 * How a current stance was derived, for views/partials/stance-derivation.hbs:
 * the statement it comes from, or the two contradictory ones, and the link to
 * the speaker's whole record on the topic.
 */
export function derivationView(speakerSlug: string, topicSlug: string, statement: Ref, conflicting: Ref | null | undefined) {
  return {
    historyHref: recordHref(speakerSlug, topicSlug),
    statement: {
      id: statement.id,
      date: dateLabel(statement.saidOn, statement.saidOnPrecision),
      dated: statement.saidOn !== null,
    },
    conflicting: conflicting ? { id: conflicting.id, date: dateLabel(conflicting.saidOn, conflicting.saidOnPrecision) } : null,
    windowDays: CONTRADICTION_WINDOW_DAYS,
  };
}

function entryView(entry: HistoryEntry) {
  const s = entry.statement;
  const date = dateLabel(s.saidOn, s.saidOnPrecision);
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: STATEMENT_KINDS[s.kind],
    noComment: s.kind === 'no_comment',
    text: s.text,
    language: s.language,
    dir: textDirection(s.language),
    place: s.place,
    date,
    badge: stanceBadge(entry.stance, entry.strength, s.kind),
    stance: entry.stance,
    shift: entry.shift
      ? {
          from: STANCES[entry.shift.fromStance].toLowerCase(),
          to: STANCES[entry.shift.toStance].toLowerCase(),
          previousStatementId: entry.shift.previousStatementId,
        }
      : null,
    sources: s.sources.map(({ source }) => ({
      ...source,
      published:
        source.publishedOn && source.publishedOnPrecision ? dateLabel(source.publishedOn, source.publishedOnPrecision) : null,
    })),
  };
}

export function historyPageView(history: StanceHistory) {
  const { speaker, topic, current, counts, timeline, undated } = history;
  const path = recordHref(speaker.slug, topic.slug);
  const total = counts.dated + counts.undated;
  const lastPage = Math.max(1, Math.ceil(counts.dated / timeline.limit));
  return {
    title: `${speaker.name} on ${topic.name}`,
    speaker,
    topic,
    current: current
      ? {
          badge: stanceBadge(current.stance, current.strength, current.statement.kind),
          date: dateLabel(current.saidOn, current.saidOnPrecision),
          // This page is the full record: no link to itself.
          derivation: {
            ...derivationView(speaker.slug, topic.slug, current.statement, current.conflictingStatement),
            historyHref: undefined,
          },
        }
      : null,
    counts: { ...counts, total },
    empty: total === 0,
    entries: timeline.items.map(entryView),
    page: timeline.page,
    lastPage,
    firstIndex: (timeline.page - 1) * timeline.limit + 1,
    latestHref: timeline.page < lastPage ? `${path}?page=${lastPage}#timeline` : undefined,
    pagination: pageLinks(path, timeline, { fragment: 'timeline', prevLabel: 'Earlier', nextLabel: 'Later' }),
    undated: undated.map(entryView),
    undatedCut: counts.undated > undated.length,
  };
}

export function recentShiftsView(shifts: RecentShift[]) {
  return shifts.map((s) => ({
    speaker: s.speaker,
    topic: s.topic,
    from: { stance: s.fromStance, label: STANCES[s.fromStance] },
    to: { stance: s.toStance, label: STANCES[s.toStance] },
    date: dateLabel(s.saidOn, s.statement.saidOnPrecision),
    statementId: s.statement.id,
    previousStatementId: s.previousStatementId,
    historyHref: recordHref(s.speaker.slug, s.topic.slug),
  }));
}
