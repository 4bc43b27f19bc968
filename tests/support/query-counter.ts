import { PrismaPg } from '@prisma/adapter-pg';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { PrismaClient } from '../../src/generated/prisma/client';

/**
 * The app on the test database through a client that counts the SQL
 * statements it sends, so a test can ask how many one request takes. The
 * page cache is off unless asked for: the question is usually what a page
 * costs when it is computed.
 */
export function countingApp(databaseUrl: string, options: { pageCacheMb?: number } = {}) {
  let queries = 0;
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  prisma.$on('query', () => queries++);
  const app: Express = createApp({
    prisma: prisma as unknown as Parameters<typeof createApp>[0]['prisma'],
    pageCacheMb: options.pageCacheMb ?? 0,
  });
  const get = async (url: string) => {
    queries = 0;
    // One host name throughout: supertest listens on a new port for each request, and the host is part of the page cache's key.
    const res = await request(app).get(url).set('Host', 'on-record.test');
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return { queries, text: res.text, contentType: res.headers['content-type'] as string | undefined };
  };
  return {
    get,
    count: async (url: string) => (await get(url)).queries,
    close: () => prisma.$disconnect(),
  };
}
