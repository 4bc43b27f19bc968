import type { Tx } from '../db/client';
import type { Source } from '../generated/prisma/client';
import { ValidationError } from '../http/errors';
import type { NewStatementInput } from './statements.schema';

// What a statement links to besides its speaker and topics, checked or stored
// before its write: the statements it relates to, and its sources (shared by
// a new statement's write, an edit and an article's review).

/** Every related statement must exist (and, for an edit, not be the statement itself). */
export async function checkRelationTargets(tx: Tx, relations: NewStatementInput['relations'], self?: number): Promise<void> {
  if (relations.length === 0) return;
  const ids = relations.map((r) => r.statement_id);
  const found = new Set((await tx.statement.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
  const errors: Record<string, string> = {};
  relations.forEach((r, i) => {
    if (r.statement_id === self) errors[`relations.${i}.statement_id`] = 'A statement cannot relate to itself';
    else if (!found.has(r.statement_id)) errors[`relations.${i}.statement_id`] = `No statement with the id ${r.statement_id}`;
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/**
 * Links each source, reusing a stored source with the same URL so that one
 * article is one source; the linked sources, by id.
 */
export async function attachSources(
  tx: Tx,
  statementId: number,
  sources: NewStatementInput['sources'],
  sharedSourceIds: number[] = [],
): Promise<Source[]> {
  const linked = await storeSources(tx, sources, sharedSourceIds);
  if (linked.length > 0) {
    await tx.statementSource.createMany({ data: linked.map((source) => ({ statementId, sourceId: source.id })) });
  }
  return linked;
}

/** The rows of `sharedSourceIds` and of each source (stored, or reused by URL: see storeSource), once each, by id. */
export async function storeSources(tx: Tx, sources: NewStatementInput['sources'], sharedSourceIds: number[]): Promise<Source[]> {
  const rows = new Map<number, Source>();
  if (sharedSourceIds.length > 0) {
    for (const row of await tx.source.findMany({ where: { id: { in: sharedSourceIds } } })) rows.set(row.id, row);
  }
  for (const source of sources) {
    const row = await storeSourceRow(tx, source);
    rows.set(row.id, row);
  }
  return [...rows.values()].sort((a, b) => a.id - b.id);
}

/** The stored source with the same URL (one article is one source), or a new one; its id. */
export async function storeSource(tx: Tx, source: NewStatementInput['sources'][number]): Promise<number> {
  return (await storeSourceRow(tx, source)).id;
}

async function storeSourceRow(tx: Tx, source: NewStatementInput['sources'][number]): Promise<Source> {
  const existing = source.url ? await tx.source.findFirst({ where: { url: source.url }, orderBy: { id: 'asc' } }) : null;
  if (existing) return existing;
  return tx.source.create({
    data: {
      publisher: source.publisher,
      title: source.title ?? null,
      url: source.url ?? null,
      publishedOn: source.published_on?.date ?? null,
      publishedOnPrecision: source.published_on?.precision ?? null,
      archivedUrl: source.archived_url ?? null,
    },
  });
}
