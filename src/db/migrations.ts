import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../paths';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');

// The key `prisma migrate deploy` locks, so that our runner and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own bookkeeping table, column for column, so that `prisma migrate
// deploy` on a machine that has the schema engine sees the same history.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

// Callers in one process queue here: the embedded database has a single
// session, where an advisory lock cannot exclude anyone.
const running = new Map<string, Promise<unknown>>();

export type MigrateOptions = {
  /** Stop after this migration (by folder name): the benchmark loads its corpus on the first schema, then upgrades it. */
  through?: string;
};

/** Applies pending migrations in order, each in its own transaction; returns the names applied. */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR, options: MigrateOptions = {}): Promise<string[]> {
  const previous = running.get(databaseUrl) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrateLocked(databaseUrl, dir, options));
  running.set(databaseUrl, next);
  try {
    return await next;
  } finally {
    if (running.get(databaseUrl) === next) running.delete(databaseUrl);
  }
}

async function migrateLocked(databaseUrl: string, dir: string, { through }: MigrateOptions): Promise<string[]> {
  const migrations = (await readMigrations(dir)).filter((m) => through === undefined || m.name <= through);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const applied = await appliedMigrations(client);
      const done: string[] = [];
      for (const migration of migrations) {
        const row = applied.get(migration.name);
        if (row) {
          assertUnchanged(migration, row);
          continue;
        }
        await applyOne(client, migration);
        done.push(migration.name);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function appliedMigrations(client: Client): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  return new Map(rows.map((r) => [r.migration_name, r]));
}

function assertUnchanged(migration: Migration, row: AppliedRow): void {
  if (row.finished_at === null) {
    throw new Error(`Migration ${migration.name} was started but never finished; resolve it by hand before migrating.`);
  }
  if (row.checksum !== migration.checksum) {
    throw new Error(
      `Migration ${migration.name} was edited after it was applied (checksum differs); add a new migration instead.`,
    );
  }
}

async function applyOne(client: Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
  }
}
