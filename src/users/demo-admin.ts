import { randomPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { countUsers, createUser } from './users.service';

/** `.localhost` is reserved for this machine (RFC 6761), so the address can never reach anyone. */
export const DEMO_ADMIN_EMAIL = 'admin@on-record.localhost';

export type DemoAdmin = { email: string; password: string };

/**
 * `npm start` on a fresh machine must still let someone in: on the embedded
 * database only (a local trial, never a server someone configured) and only
 * while it has no account at all, make an admin with a random password for
 * the caller to print once. Its hash is all that is stored.
 */
export async function createDemoAdminIfNeeded(database: Pick<Database, 'prisma' | 'embedded'>): Promise<DemoAdmin | null> {
  if (!database.embedded || (await countUsers(database.prisma)) > 0) return null;
  const password = randomPassword();
  await createUser(database.prisma, { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', role: 'admin', password });
  return { email: DEMO_ADMIN_EMAIL, password };
}
