import { createApiToken } from '../auth/api-tokens.service';
import { hashPassword, randomPassword } from '../auth/passwords';
import { createPrismaClient } from '../db/client';

const BENCH_EDITOR = 'bench-editor@example.org';

/**
 * An API token for the benchmark's POST route: writes need an editor. The
 * account is made once per corpus (with a password nobody knows) and each
 * run gets a token of its own.
 */
export async function benchApiToken(databaseUrl: string): Promise<string> {
  const prisma = createPrismaClient(databaseUrl, 1);
  try {
    const user =
      (await prisma.user.findUnique({ where: { email: BENCH_EDITOR }, select: { id: true } })) ??
      (await prisma.user.create({
        data: { email: BENCH_EDITOR, name: 'Benchmark', role: 'editor', passwordHash: await hashPassword(randomPassword()) },
        select: { id: true },
      }));
    return (await createApiToken(prisma, user.id, `bench ${new Date().toISOString()}`)).token;
  } finally {
    await prisma.$disconnect();
  }
}
