import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../../src/db/client';
import { EMBEDDED_POOL_SIZE } from '../../src/db/database';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { migrate } from '../../src/db/migrations';

export type TestDatabase = { url: string; prisma: PrismaClient; close(): Promise<void> };

/**
 * A database of this test file's own: a freshly created and migrated database
 * on the server at DATABASE_URL, or an in-memory embedded PostgreSQL when
 * DATABASE_URL is unset or `embedded` is asked for (a cluster of the file's
 * own, where no other test's transactions are seen).
 */
export async function createTestDatabase(options: { migrate?: boolean; embedded?: boolean } = {}): Promise<TestDatabase> {
  const server = options.embedded ? undefined : process.env.DATABASE_URL;
  const { url, drop } = server ? await createServerDatabase(server) : await createEmbedded();
  if (options.migrate !== false) await migrate(url);
  const prisma = server ? createPrismaClient(url, 4) : createPrismaClient(url, EMBEDDED_POOL_SIZE, { cachedPlans: false });
  return {
    url,
    prisma,
    async close() {
      await prisma.$disconnect();
      await drop();
    },
  };
}

async function createServerDatabase(serverUrl: string) {
  const name = `on_record_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function createEmbedded() {
  const embedded = await startEmbeddedPostgres({ dataDir: 'memory://', maxConnections: 12 });
  return { url: embedded.url, drop: () => embedded.stop() };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
