import { deleteExpiredAuthState } from '../src/auth/expired-state';
import { PrismaRateLimitStore } from '../src/auth/rate-limit-store';
import { PrismaSessionStore } from '../src/auth/session-store';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// The session and sign-in counter stores, straight against PostgreSQL.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const session = (expires: string, userId = 1) => ({ cookie: { originalMaxAge: 1000, expires }, userId }) as never;
const call = <T>(fn: (cb: (error: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));

describe('the session store', () => {
  test('when a session is saved, then it reads back until it expires, and a destroyed one is gone', async () => {
    const store = new PrismaSessionStore(db.prisma);
    await call((cb) => store.set('live', session(later(60_000), 7), cb));
    await call((cb) => store.set('old', session(later(-1000), 8), cb));

    expect(await call((cb) => store.get('live', cb))).toMatchObject({ userId: 7 });
    expect(await call((cb) => store.get('old', cb))).toBeNull();
    await call((cb) => store.destroy('live', cb));
    expect(await call((cb) => store.get('live', cb))).toBeNull();
  });

  test('when a session is touched within the hour, then nothing is written; an hour on, its expiry moves', async () => {
    const store = new PrismaSessionStore(db.prisma);
    const expires = later(7 * 24 * 3600_000);
    await call((cb) => store.set('touched', session(expires), cb));
    const stored = async () => (await db.prisma.session.findUniqueOrThrow({ where: { sid: 'touched' } })).expire.getTime();
    const before = await stored();

    await call((cb) => store.touch('touched', session(later(7 * 24 * 3600_000 + 60_000)), cb));
    expect(await stored()).toBe(before);
    await call((cb) => store.touch('touched', session(later(7 * 24 * 3600_000 + 2 * 3600_000)), cb));
    expect(await stored()).toBeGreaterThan(before + 3600_000);
  });
});

describe('the sign-in counters', () => {
  test('when a key is counted, then hits add up within the window, start again after it, and reset on request', async () => {
    const store = new PrismaRateLimitStore(db.prisma, 'test:');
    store.init({ windowMs: 60_000 } as never);

    expect((await store.increment('a')).totalHits).toBe(1);
    expect((await store.increment('a')).totalHits).toBe(2);
    await store.decrement('a');
    expect((await store.get('a'))?.totalHits).toBe(1);
    await db.prisma.rateLimit.update({ where: { key: 'test:a' }, data: { resetAt: new Date(Date.now() - 1) } });
    expect((await store.increment('a')).totalHits).toBe(1);
    await store.resetKey('a');
    expect(await store.get('a')).toBeUndefined();
  });

  test('when counters are incremented at once, then none is lost', async () => {
    const store = new PrismaRateLimitStore(db.prisma, 'race:');
    store.init({ windowMs: 60_000 } as never);
    await Promise.all(Array.from({ length: 10 }, () => store.increment('b')));
    expect((await store.get('b'))?.totalHits).toBe(10);
  });
});

test('when the clean-up runs, then only expired sessions and counters are deleted', async () => {
  await db.prisma.session.createMany({
    data: [
      { sid: 'gone', sess: {}, expire: new Date(Date.now() - 1000) },
      { sid: 'kept', sess: {}, expire: new Date(Date.now() + 60_000) },
    ],
  });
  await db.prisma.rateLimit.createMany({
    data: [
      { key: 'gone', hits: 3, resetAt: new Date(Date.now() - 1000) },
      { key: 'kept', hits: 3, resetAt: new Date(Date.now() + 60_000) },
    ],
  });

  await deleteExpiredAuthState(db.prisma);

  expect(await db.prisma.session.findMany({ where: { sid: { in: ['gone', 'kept'] } }, select: { sid: true } })).toEqual([
    { sid: 'kept' },
  ]);
  expect(await db.prisma.rateLimit.findMany({ where: { key: { in: ['gone', 'kept'] } }, select: { key: true } })).toEqual([
    { key: 'kept' },
  ]);
});
