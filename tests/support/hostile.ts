import type { Response } from 'supertest';
import type { PrismaClient } from '../../src/db/client';

// Shared by the hostile-input tests: what a clear answer to bad input looks like.

/** Every page is rendered inside the layout; its brand link is the mark of a readable page. */
export const LAYOUT_MARK = '<a class="brand" href="/">On Record</a>';

/**
 * What is wrong with an answer to bad input, or undefined when it is clear:
 * never a 500; an API answer is JSON (an error as `{error: {code, message}}`),
 * a page answer is HTML inside the layout, a redirect is a redirect.
 */
export function unclear(res: Response, api: boolean): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status === 303) return undefined;
  if (api) {
    if (!type.startsWith('application/json')) return `${res.status} ${type || 'without a content type'}`;
    const error = (res.body as { error?: { code?: unknown; message?: unknown } }).error;
    if (res.status >= 400 && (typeof error?.code !== 'string' || typeof error.message !== 'string'))
      return `${res.status} without an error body`;
  } else if (!type.startsWith('text/html') || !res.text.includes(LAYOUT_MARK)) return `${res.status} not a page`;
  return undefined;
}

/** Rows in every table: equal before and after proves a refused write left nothing behind. */
export async function tableCounts(prisma: PrismaClient) {
  const [speakers, aliases, topics, statements, positions, sources, statementSources, relations, currentStances] =
    await Promise.all([
      prisma.speaker.count(),
      prisma.speakerAlias.count(),
      prisma.topic.count(),
      prisma.statement.count(),
      prisma.position.count(),
      prisma.source.count(),
      prisma.statementSource.count(),
      prisma.statementRelation.count(),
      prisma.currentStance.count(),
    ]);
  return { speakers, aliases, topics, statements, positions, sources, statementSources, relations, currentStances };
}

/** A string of `n` characters that does not compress: a long run of distinct CJK letters (3 bytes each in UTF-8). */
export function incompressible(n: number): string {
  return Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
}

export const LONG = 'x'.repeat(100_000);

/** A value as a test title shows it: JSON, cut short with its length when long. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 50 ? `${text.slice(0, 30)}… (${text.length} characters)` : text;
}

/** Whether an error key (`positions.0.topic.name`) is about a field (`positions.topic`). */
export const isAbout = (field: string) => (key: string) => key.replace(/\.\d+/g, '').startsWith(field);
