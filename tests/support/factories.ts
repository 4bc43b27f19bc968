import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../src/db/client';
import { createStatement } from '../../src/statements/statements.service';
import { newStatementInput } from '../../src/statements/statements.schema';

const unique = () => randomBytes(4).toString('hex');

export async function makeSpeaker(
  prisma: PrismaClient,
  overrides: { name?: string; kind?: 'person' | 'government' | 'organisation'; aliases?: string[] } = {},
) {
  const name = overrides.name ?? `Speaker ${unique()}`;
  return prisma.speaker.create({
    data: {
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      kind: overrides.kind ?? 'person',
      aliases: { create: (overrides.aliases ?? []).map((a) => ({ name: a })) },
    },
  });
}

export async function makeTopic(prisma: PrismaClient, overrides: { name?: string; parentId?: number } = {}) {
  const name = overrides.name ?? `Topic ${unique()}`;
  return prisma.topic.create({
    data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), parentId: overrides.parentId ?? null },
  });
}

/** A statement recorded through the service, as the form and the API record it; `input` uses the API's field names. */
export async function makeStatement(
  prisma: PrismaClient,
  input: Record<string, unknown> & { speaker: unknown; positions: unknown[] },
) {
  const parsed = newStatementInput.parse({
    kind: 'quote',
    text: `Words ${unique()}`,
    language: 'en',
    said_on: '2025-08-04',
    sources: [{ publisher: 'Test Gazette', url: `https://example.org/${unique()}` }],
    // Fixtures often differ by a word ("Remark of day 2"); the duplicate check has its own tests.
    allow_duplicate: true,
    ...input,
  });
  return createStatement(prisma, parsed);
}
