import type { PrismaClient } from '../../src/db/client';
import { refreshCurrentStances } from '../../src/statements/current-stance';

type Derived = { stances: unknown[]; shifts: unknown[]; months: unknown[] };

async function read(db: Pick<PrismaClient, '$queryRaw'>): Promise<Derived> {
  const stances = await db.$queryRaw<unknown[]>`
    SELECT speaker_id, topic_id, statement_id, stance::text, strength, said_on, conflicting_statement_id
    FROM current_stances ORDER BY speaker_id, topic_id`;
  const shifts = await db.$queryRaw<unknown[]>`
    SELECT speaker_id, topic_id, statement_id, previous_statement_id, from_stance::text, to_stance::text
    FROM stance_shifts ORDER BY speaker_id, topic_id, statement_id`;
  const months = await db.$queryRaw<unknown[]>`
    SELECT topic_id, month, stance::text, positions FROM topic_stance_months WHERE positions > 0 ORDER BY topic_id, month, stance`;
  return { stances, shifts, months };
}

/**
 * The derived tables as stored, and as a recomputation from the positions
 * alone gives them (current stances and shifts for every pair, chart counts
 * by a GROUP BY), so that a test can check a write left them right.
 */
export async function derivedState(prisma: PrismaClient): Promise<{ stored: Derived; recomputed: Derived }> {
  const stored = await read(prisma);
  let recomputed: Derived | undefined;
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRaw`TRUNCATE current_stances, stance_shifts`;
      const pairs = await tx.$queryRaw<{ speaker_id: number; topics: number[] }[]>`
        SELECT speaker_id, array_agg(DISTINCT topic_id) AS topics FROM positions GROUP BY speaker_id`;
      for (const p of pairs) await refreshCurrentStances(tx, p.speaker_id, p.topics);
      const counted = await tx.$queryRaw<unknown[]>`
        SELECT topic_id, date_trunc('month', said_on)::date AS month, stance::text, count(*)::int AS positions
        FROM positions WHERE said_on IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
      recomputed = { ...(await read(tx)), months: counted };
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  return { stored, recomputed: recomputed! };
}
