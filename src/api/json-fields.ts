import { formatIsoPartial } from '../domain/partial-date';
import type { Page } from '../http/pagination';
import type { DatePrecision } from '../generated/prisma/enums';

// Field shapes every API response shares.

/** `2025`, `2025-08` or `2025-08-04`, as precise as the source; null when undated. */
export function isoOrNull(date: Date | null, precision: DatePrecision | null): string | null {
  return date && precision ? formatIsoPartial(date, precision) : null;
}

export function paginationJson(page: Page<unknown>) {
  return { page: page.page, limit: page.limit, next_page: page.hasNext ? page.page + 1 : null };
}
