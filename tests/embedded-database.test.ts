import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database';

// Each test starts PGlite on disk and migrates it, twice: seconds when the two
// cores are free, more than jest's 30 s beside a busy suite.
jest.setTimeout(120_000);

describe('the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'on-record-pglite-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('when no DATABASE_URL is set, then the app gets a migrated embedded PostgreSQL whose data survives a restart', async () => {
    const first = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 3 });
    expect(first.embedded).toBe(true);
    expect(first.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\//);
    await first.prisma.speaker.create({ data: { slug: 'kept', name: 'Kept across restarts', kind: 'organisation' } });
    await first.close();

    const second = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 3 });
    try {
      expect(await second.prisma.speaker.findUnique({ where: { slug: 'kept' } })).toMatchObject({ name: 'Kept across restarts' });
      const rows = await second.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations`;
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  test('when a second process opens the same data folder, then it is refused with a clear message and the first keeps running', async () => {
    const first = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 2 });
    try {
      const { writeFile } = await import('node:fs/promises');
      // Another live process (this test's parent) holds the lock.
      await writeFile(`${dataDir}.lock`, String(process.ppid));
      await expect(openDatabase({ databaseUrl: undefined, dataDir, poolSize: 2 })).rejects.toThrow(
        `The embedded database in ${dataDir} is in use by process ${process.ppid}`,
      );
      expect(await first.prisma.speaker.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await first.close();
    }
  });

  test('when the lock was left by a process that is gone, then the folder opens', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dataDir}.lock`, '999999999');

    const database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 2 });
    await database.close();
  });
});
