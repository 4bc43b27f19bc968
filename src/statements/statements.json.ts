import { formatIsoPartial } from '../domain/partial-date';
import type { DatePrecision } from '../generated/prisma/enums';
import type { Page } from '../http/pagination';
import type { StatementRecord } from './statements.queries';

/** A date as it was given: `2025`, `2025-08` or `2025-08-04`; null when none was. */
function isoPartial(date: Date | null, precision: DatePrecision | null): string | null {
  return date && precision ? formatIsoPartial(date, precision) : null;
}

/** A statement in the API's snake_case shape (the shape POST accepts, plus ids and derived fields). */
export function statementJson(row: StatementRecord) {
  return {
    id: row.id,
    speaker: { slug: row.speaker.slug, name: row.speaker.name, kind: row.speaker.kind },
    kind: row.kind,
    text: row.text,
    language: row.language,
    original_text: row.originalText,
    original_language: row.originalLanguage,
    said_on: isoPartial(row.saidOn, row.saidOnPrecision),
    said_on_precision: row.saidOnPrecision,
    place: row.place,
    context: row.context,
    attribution: row.attribution,
    source_unknown: row.sourceUnknown,
    sources: row.sources.map(({ source }) => ({
      publisher: source.publisher,
      title: source.title,
      url: source.url,
      published_on: isoPartial(source.publishedOn, source.publishedOnPrecision),
      archived_url: source.archivedUrl,
    })),
    positions: row.positions.map((p) => ({
      topic: { slug: p.topic.slug, name: p.topic.name },
      stance: p.stance,
      strength: p.strength,
    })),
    relations: {
      outgoing: row.relationsFrom.map((r) => ({ kind: r.kind, statement_id: r.toId })),
      incoming: row.relationsTo.map((r) => ({ kind: r.kind, statement_id: r.fromId })),
    },
    created_at: row.createdAt.toISOString(),
  };
}

export function statementListJson(page: Page<StatementRecord>) {
  return {
    data: page.items.map(statementJson),
    pagination: { page: page.page, limit: page.limit, next_page: page.hasNext ? page.page + 1 : null },
  };
}
