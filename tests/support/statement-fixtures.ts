import type { PrismaClient } from '../../src/db/client';

// Shared by the statement page, form and API tests.

export const XSS = '<script>alert(1)</script>';
export const ARABIC = '«ندعو جميع الدول الحرة» إلى الوقوف معنا';

/** How many rows each table holds: compare before and after to prove nothing was written. */
export async function rowCounts(prisma: PrismaClient) {
  const [speakers, topics, statements, positions, sources, currentStances] = await Promise.all([
    prisma.speaker.count(),
    prisma.topic.count(),
    prisma.statement.count(),
    prisma.position.count(),
    prisma.source.count(),
    prisma.currentStance.count(),
  ]);
  return { speakers, topics, statements, positions, sources, currentStances };
}

/** A complete, valid POST /api/v1/statements body; override any field. */
export function apiBody(speaker: unknown, topic: unknown, overrides: Record<string, unknown> = {}) {
  return {
    speaker,
    kind: 'quote',
    text: 'We will not accept any division of the country.',
    language: 'en',
    said_on: '2025-08',
    place: 'Riyadh',
    context: 'In reply to a call for a separate region.',
    attribution: 'A ministry spokesman',
    sources: [
      {
        publisher: 'The Gazette',
        title: 'Reactions to the call',
        url: 'https://example.org/reactions',
        published_on: '2025-08-05',
        archived_url: 'https://web.archive.org/web/2025/https://example.org/reactions',
      },
    ],
    positions: [{ topic, stance: 'opposes', strength: 2 }],
    ...overrides,
  };
}
