import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { PrismaClient } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from './test-database';

export type TestContext = { app: Express; prisma: PrismaClient; db: TestDatabase };

/** Gives the test file the real app on its own database; read `ctx` inside tests, not at load time. */
export function useTestApp(options: { embedded?: boolean } = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.db = await createTestDatabase(options);
    ctx.prisma = ctx.db.prisma;
    ctx.app = createApp({ prisma: ctx.prisma });
  });
  afterAll(async () => {
    await ctx.db?.close();
  });
  return ctx;
}
