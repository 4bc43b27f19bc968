import { CACHED_PLAN, statementName } from '../src/db/cached-plans';
import { Prisma } from '../src/db/client';
import { openDatabase } from '../src/db/database';
import { useTestApp } from './support/test-app';

// Queries marked CACHED_PLAN are sent as named prepared statements, whose plan
// PostgreSQL keeps per connection; every other query stays unnamed, planned
// for its own parameters each time.

const ctx = useTestApp();

describe('statement names', () => {
  it('names only marked queries, one name per distinct text', () => {
    const a = Prisma.sql`${CACHED_PLAN} SELECT ${1}::int`;
    const b = Prisma.sql`${CACHED_PLAN} SELECT ${1}::int + 1`;
    expect(statementName(a)).toMatch(/^on_record_\d+$/);
    expect(statementName(a)).toBe(statementName({ sql: a.sql }));
    expect(statementName(b)).not.toBe(statementName(a));
    expect(statementName(Prisma.sql`SELECT ${1}::int`)).toBe('');
    // The mark counts only where it starts the query, not inside a literal or a comment further on.
    expect(statementName(Prisma.sql`SELECT '/* cached plan */' || ${'x'}`)).toBe('');
  });
});

describe('through Prisma and pg', () => {
  const prepared = (tx: Prisma.TransactionClient) =>
    tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;

  it('prepares a marked query once on its connection and reuses it; unmarked ones are not kept', async () => {
    await ctx.prisma.$transaction(async (tx) => {
      const before = (await prepared(tx)).length;
      const values = [];
      for (const n of [1, 2, 3]) {
        const [row] = await tx.$queryRaw<{ n: number }[]>`${CACHED_PLAN} SELECT ${n}::int * 2 AS n -- cached-plans.test`;
        values.push(row!.n);
      }
      await tx.$queryRaw`SELECT ${4}::int * 2 AS n -- cached-plans.test, unmarked`;
      expect(values).toEqual([2, 4, 6]);
      const after = await prepared(tx);
      const ours = after.filter((s) => s.statement.includes('cached-plans.test'));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.name).toMatch(/^on_record_\d+$/);
      expect(after).toHaveLength(before + 1);
    });
  });
});

describe('on the embedded database', () => {
  // PGlite serves every connection from one session: a statement prepared on a
  // connection the pool has closed would still be there for the next one.
  it('answers a marked query again after the pool has dropped its connection', async () => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', poolSize: 2 });
    try {
      const marked = () =>
        db.prisma.$queryRaw<{ n: number }[]>`${CACHED_PLAN} SELECT ${1}::int AS n -- cached-plans.test, embedded`;
      expect(await marked()).toEqual([{ n: 1 }]);
      await db.prisma.$disconnect(); // as the pool does with a connection left idle
      expect(await marked()).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });
});
