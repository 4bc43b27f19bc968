import type { Express } from 'express';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app';
import type { PrismaClient } from '../../src/db/client';
import { signIn, type SignedIn } from './sign-in';
import { createTestDatabase, type TestDatabase } from './test-database';

export type TestContext = {
  app: Express;
  prisma: PrismaClient;
  db: TestDatabase;
  /** Signed in as an editor through the real sign-in form; sends the CSRF token and an API token. */
  editor: TestAgent;
  editorAccount: SignedIn;
};

/** Gives the test file the real app on its own database; read `ctx` inside tests, not at load time. */
export function useTestApp(options: { embedded?: boolean } = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.db = await createTestDatabase(options);
    ctx.prisma = ctx.db.prisma;
    ctx.app = createApp({ prisma: ctx.prisma });
    ctx.editorAccount = await signIn(ctx.app, ctx.prisma, 'editor');
    ctx.editor = ctx.editorAccount.agent;
  });
  afterAll(async () => {
    await ctx.db?.close();
  });
  return ctx;
}
