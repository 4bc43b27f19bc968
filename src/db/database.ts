import type { Config } from '../config';
import { createPrismaClient, type PrismaClient } from './client';
import { startEmbeddedPostgres } from './embedded';
import { migrate } from './migrations';

/**
 * PGlite is one PostgreSQL session behind the socket server, which interleaves
 * the protocol messages of concurrent connections: two connections' unnamed
 * statements and portals would clobber each other ("portal does not exist",
 * or one query reading another's rows). One connection queues queries in the
 * pool instead, and costs nothing: PGlite runs one query at a time anyway.
 */
export const EMBEDDED_POOL_SIZE = 1;

export type Database = {
  prisma: PrismaClient;
  /** The URL the app connects to (the embedded server's loopback URL when embedded). */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
};

/** Connects to DATABASE_URL, or starts the embedded database; migrates either way. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize'> & Partial<Pick<Config, 'queryLogFile'>>,
): Promise<Database> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: config.poolSize + 4 });
  const url = config.databaseUrl ?? embedded!.url;
  try {
    await migrate(url);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const prisma = createPrismaClient(url, embedded ? EMBEDDED_POOL_SIZE : config.poolSize, {
    queryLogFile: config.queryLogFile,
    cachedPlans: !embedded,
  });
  return {
    prisma,
    url,
    embedded: Boolean(embedded),
    async close() {
      await prisma.$disconnect();
      await embedded?.stop();
    },
  };
}
