import { textDirection } from '../domain/language';
import { RELATION_KINDS, SPEAKER_KINDS, STATEMENT_KINDS } from '../domain/vocabulary';
import type { RelationKind } from '../generated/prisma/enums';
import { dateLabel, stanceBadge } from './statement-card';
import type { StatementDetail } from './statements.queries';

type Related = StatementDetail['relationsFrom'][number]['to'];

/** One line of "Rejects: Hikmat Al Hijri, August 2025 — …" or "Rejected by: Saudi Arabia, August 2025". */
function relationLine(kind: RelationKind, direction: 'forward' | 'backward', other: Related) {
  return {
    label: RELATION_KINDS[kind][direction],
    id: other.id,
    speaker: other.speaker,
    saidOnLabel: dateLabel(other.saidOn, other.saidOnPrecision).label,
    text: shorten(other.text, 160),
    language: other.language,
    dir: textDirection(other.language),
  };
}

/** Sources by publication date, undated last; when several are dated, the earliest is the statement's first appearance. */
function sourceLines(row: StatementDetail) {
  const time = (d: Date | null) => d?.getTime() ?? Number.POSITIVE_INFINITY;
  const sorted = row.sources.map(({ source }) => source).sort((a, b) => time(a.publishedOn) - time(b.publishedOn));
  const dated = sorted.filter((s) => s.publishedOn).length;
  return sorted.map((source, i) => ({
    publisher: source.publisher,
    title: source.title,
    url: source.url,
    archivedUrl: source.archivedUrl,
    publishedOn: source.publishedOn ? dateLabel(source.publishedOn, source.publishedOnPrecision) : null,
    firstAppearance: i === 0 && dated > 1,
  }));
}

/** The permalink's view model: the words, who said them and when, where they were reported, and what they relate to. */
export function statementPage(row: StatementDetail) {
  const date = dateLabel(row.saidOn, row.saidOnPrecision);
  const outgoing = row.relationsFrom.map((r) => relationLine(r.kind, 'forward', r.to));
  const incoming = row.relationsTo.map((r) => relationLine(r.kind, 'backward', r.from));
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: STATEMENT_KINDS[row.kind],
    noComment: row.kind === 'no_comment',
    text: row.text,
    language: row.language,
    dir: textDirection(row.language),
    original:
      row.originalText === null
        ? null
        : { text: row.originalText, language: row.originalLanguage, dir: textDirection(row.originalLanguage) },
    speaker: { ...row.speaker, kindLabel: SPEAKER_KINDS[row.speaker.kind] },
    attribution: row.attribution,
    saidOnLabel: date.label,
    saidOnIso: date.iso,
    place: row.place,
    context: row.context,
    sources: sourceLines(row),
    positions: row.positions.map((p) => ({ topic: p.topic, badge: stanceBadge(p.stance, p.strength, row.kind) })),
    relations: outgoing.length + incoming.length > 0 ? { outgoing, incoming } : null,
  };
}

/** The start of a text on one line, whole characters only (no script split mid-letter). */
function shorten(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : chars.join('');
}

/** A title for the browser tab: who, and the start of the words. */
export function statementTitle(row: StatementDetail): string {
  return `${row.speaker.name}: “${shorten(row.text, 60)}”`;
}
