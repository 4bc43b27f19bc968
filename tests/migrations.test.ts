import { Client } from 'pg';
import { Prisma } from '../src/db/client';
import { migrate, readMigrations } from '../src/db/migrations';
import { declaredIndexes } from './support/schema-indexes';
import { createTestDatabase, type TestDatabase } from './support/test-database';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the migration runner', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterEach(async () => {
    await db.close();
  });

  test('when the database is fresh, then every migration is applied and recorded as Prisma records it', async () => {
    const migrations = await readMigrations();

    const applied = await migrate(db.url);

    expect(applied).toEqual(migrations.map((m) => m.name));
    const rows = await query<{
      id: string;
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(db.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    rows.forEach((row, i) => {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    });
  });

  test('when migrations run again, then nothing is applied twice', async () => {
    await migrate(db.url);

    const second = await migrate(db.url);

    expect(second).toEqual([]);
    const [count] = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM _prisma_migrations');
    expect(Number(count!.n)).toBe((await readMigrations()).length);
  });

  test('when several processes start at once, then each migration is applied exactly once', async () => {
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);

    expect(results.flat()).toEqual((await readMigrations()).map((m) => m.name));
    const [count] = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM _prisma_migrations');
    expect(Number(count!.n)).toBe((await readMigrations()).length);
  });

  test('when an applied migration was edited afterwards, then the runner refuses to go on', async () => {
    await migrate(db.url);
    await query(db.url, `UPDATE _prisma_migrations SET checksum = repeat('0', 64)`);

    await expect(migrate(db.url)).rejects.toThrow(/edited after it was applied/);
  });

  test('when a migration fails, then it is rolled back whole and not recorded', async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/migrations-');
    await mkdir(`${dir}/20000101000000_broken`);
    await writeFile(`${dir}/20000101000000_broken/migration.sql`, 'CREATE TABLE half_done (id int);\nSELECT no_such_function();');

    await expect(migrate(db.url, dir)).rejects.toThrow(/20000101000000_broken failed and was rolled back/);

    const tables = await query(db.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables).toHaveLength(0);
    expect(await query(db.url, 'SELECT 1 FROM _prisma_migrations')).toHaveLength(0);
  });
});

describe('schema.prisma against the migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  // Reads every scalar field of every model: a field or table that the
  // migrations lack (or name differently) makes the query fail.
  test.each(Object.values(Prisma.ModelName))('when %s is read with all its fields, then the database has them', async (model) => {
    const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
    const delegate = (db.prisma as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!;

    await expect(delegate.findMany({ select: Object.fromEntries(fields.map((f) => [f, true])), take: 1 })).resolves.toEqual(
      expect.any(Array),
    );
  });

  test('when one of each record is created through Prisma, then the migrations accept every write', async () => {
    const p = db.prisma;
    const speaker = await p.speaker.create({
      data: { slug: 's', name: 'S', kind: 'ministry', aliases: { create: [{ name: 'Alias' }] } },
    });
    const topic = await p.topic.create({ data: { slug: 't', name: 'T' } });
    const source = await p.source.create({
      data: { publisher: 'P', publishedOn: new Date('2025-08-01'), publishedOnPrecision: 'month' },
    });
    const a = await p.statement.create({
      data: {
        speakerId: speaker.id,
        kind: 'official_position',
        text: 'x',
        language: 'en',
        saidOn: new Date('2025-08-01'),
        saidOnPrecision: 'month',
        positions: { create: [{ topicId: topic.id, stance: 'mixed', strength: 2, speakerId: speaker.id }] },
        sources: { create: [{ sourceId: source.id }] },
      },
    });
    const b = await p.statement.create({ data: { speakerId: speaker.id, kind: 'no_comment', text: 'y', language: 'en' } });
    await p.statementRelation.create({ data: { fromId: b.id, toId: a.id, kind: 'responds_to' } });
    await p.currentStance.create({
      data: { speakerId: speaker.id, topicId: topic.id, statementId: a.id, stance: 'mixed', strength: 2 },
    });

    expect(await p.statement.count()).toBe(2);
  });

  test('when the migrations have run, then every index schema.prisma declares exists, on the same columns in the same order', async () => {
    const declared = await declaredIndexes();
    const rows = await query<{ table: string; columns: string[]; unique: boolean }>(
      db.url,
      `SELECT t.relname AS table, i.indisunique AS unique,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       -- Key columns only: INCLUDE columns are carried, not indexed on.
       WHERE k.ord <= i.indnkeyatts
       GROUP BY i.indexrelid, t.relname, i.indisunique`,
    );
    const existing = new Set(rows.map((r) => `${r.table}(${r.columns.join(',')})${r.unique ? ' unique' : ''}`));

    const missing = declared
      .map((d) => `${d.table}(${d.columns.join(',')})${d.unique ? ' unique' : ''}`)
      .filter((key) => !existing.has(key));

    expect(declared.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  test('when a rule only the database can hold is broken, then the write is refused', async () => {
    const speaker = await db.prisma.speaker.create({ data: { slug: 'r', name: 'R', kind: 'person' } });
    await expect(
      db.prisma.statement.create({
        data: { speakerId: speaker.id, kind: 'quote', text: 'x', language: 'en', saidOn: new Date() },
      }),
    ).rejects.toThrow(/said_on_precision_check/);
    await expect(
      db.prisma.statement.create({ data: { speakerId: speaker.id, kind: 'quote', text: '', language: 'en' } }),
    ).rejects.toThrow(/statements_text_check/);
  });
});
