import { appendFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { statementName } from './cached-plans';

export type { PrismaClient };
export { Prisma } from '../generated/prisma/client';

export type ClientOptions = {
  /**
   * Appends every SQL statement the app sends, with its parameters, to this
   * file as JSON lines. The benchmark (src/bench) uses it to replay exactly
   * what a page runs straight through `pg`; nothing else should set it.
   */
  queryLogFile?: string;
  /**
   * Send the queries marked CACHED_PLAN as named prepared statements (see
   * cached-plans.ts). Off for the embedded database: PGlite serves every
   * connection from one session, so a statement prepared on a connection the
   * pool has closed is still there when the next connection, which cannot
   * know it, prepares it again ("already exists").
   */
  cachedPlans?: boolean;
};

export function createPrismaClient(databaseUrl: string, poolSize: number, options: ClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: poolSize },
    options.cachedPlans === false ? {} : { statementNameGenerator: statementName },
  );
  // Waiting for a pooled connection is normal under load (and constant on the
  // embedded database's single connection): allow more than Prisma's 2 s.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
  const { queryLogFile } = options;
  if (!queryLogFile) return new PrismaClient({ adapter, transactionOptions });
  const logged = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] });
  logged.$on('query', (e) => {
    appendFileSync(queryLogFile, JSON.stringify({ query: e.query, params: e.params, duration_ms: e.duration }) + '\n');
  });
  return logged as unknown as PrismaClient;
}

/** The client handed to code that runs inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
/** Either the client or a transaction: read functions accept both. */
export type Db = PrismaClient | Tx;
