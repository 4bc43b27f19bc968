import { PrismaPg } from '@prisma/adapter-pg';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { PrismaClient } from '../../src/generated/prisma/client';

/**
 * The app on the test database through a client that counts the SQL
 * statements it sends, so a test can ask how many one request takes.
 */
export function countingApp(databaseUrl: string) {
  let queries = 0;
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  prisma.$on('query', () => queries++);
  const app: Express = createApp({ prisma: prisma as unknown as Parameters<typeof createApp>[0]['prisma'] });
  return {
    async count(url: string): Promise<number> {
      queries = 0;
      const res = await request(app).get(url);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      return queries;
    },
    close: () => prisma.$disconnect(),
  };
}
