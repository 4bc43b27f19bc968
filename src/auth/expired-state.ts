import type { PrismaClient } from '../db/client';

const HOUR_MS = 60 * 60 * 1000;

/** Deletes sessions and sign-in counters whose time has passed; neither is read once expired. */
export async function deleteExpiredAuthState(prisma: PrismaClient): Promise<void> {
  await prisma.session.deleteMany({ where: { expire: { lt: new Date() } } });
  await prisma.rateLimit.deleteMany({ where: { resetAt: { lt: new Date() } } });
}

/** Runs the clean-up now and every hour while the server runs (every process may: the deletes are idempotent). */
export function cleanUpExpiredAuthState(prisma: PrismaClient): NodeJS.Timeout {
  const run = () =>
    void deleteExpiredAuthState(prisma).catch((error: unknown) => console.error('Clean-up of expired sessions failed:', error));
  run();
  return setInterval(run, HOUR_MS).unref();
}
