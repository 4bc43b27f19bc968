import type { PrismaClient } from '../../src/db/client';

/** Empties every domain table of this file's database, so that a list test starts from nothing. */
export async function emptyTables(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    TRUNCATE current_stances, statement_relations, positions, statement_sources, sources, statements,
             speaker_aliases, speakers, topics RESTART IDENTITY CASCADE`;
}
