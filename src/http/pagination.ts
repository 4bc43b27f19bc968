import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
});

export type PageRequest = { page: number; limit: number };

export type Page<T> = { items: T[]; page: number; limit: number; hasNext: boolean };

export function readPage(query: unknown, limit = DEFAULT_PAGE_SIZE): PageRequest {
  const parsed = pageQuery.parse({ limit, ...(query as object) });
  return { page: parsed.page, limit: parsed.limit };
}

/** Skip/take for a page, fetching one extra row to learn whether a next page exists without counting. */
export function pageWindow(req: PageRequest): { skip: number; take: number } {
  return { skip: (req.page - 1) * req.limit, take: req.limit + 1 };
}

export function toPage<T>(rows: T[], req: PageRequest): Page<T> {
  return { items: rows.slice(0, req.limit), page: req.page, limit: req.limit, hasNext: rows.length > req.limit };
}
