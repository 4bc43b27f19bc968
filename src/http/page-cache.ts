import type { RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../db/client';

// Whole GET responses cached under the database snapshot they were read at.
//
// `pg_current_snapshot()` names exactly which transactions are visible; it
// changes when any transaction commits, in this process or another. A
// response stored under a snapshot was read at that snapshot or later, and a
// request only finds it while that snapshot is still the current one, so a
// reader never gets anything older than what the database holds when the
// request arrives. No write has to remember to invalidate anything.
//
// The price of a miss is one extra round trip; a hit costs that round trip
// and no other query or rendering.

type Entry = { status: number; headers: Record<string, string>; body: Buffer };

/** Headers a cached answer must repeat; Express recomputes ETag and Content-Length. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'last-modified', 'cache-control', 'content-language'];

export type PageCacheOptions = {
  /** Total size of the cached bodies. */
  maxBytes?: number;
  /** A larger body is served but not kept. */
  maxEntryBytes?: number;
};

export type PageCache = RequestHandler & { stats(): { hits: number; misses: number; entries: number } };

export function pageCache(prisma: PrismaClient, options: PageCacheOptions = {}): PageCache {
  const maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => entry.body.length + 256,
  });
  let hits = 0;
  let misses = 0;

  const handler: RequestHandler = async (req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/static/')) return next();
    // A signed-in editor's pages differ (their name, edit buttons, the session's CSRF token).
    if (res.locals.user || req.session?.csrfToken) return next();
    const [{ snapshot }] = await prisma.$queryRaw<[{ snapshot: string }]>`SELECT pg_current_snapshot()::text AS snapshot`;
    // The host and protocol are part of the key: feeds and the API write absolute URLs.
    const key = `${snapshot} ${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
    const entry = cache.get(key);
    if (entry) {
      hits++;
      res.status(entry.status).set(entry.headers).send(entry.body);
      return;
    }
    misses++;
    keepWhatIsSent(res, (body) => {
      if (res.statusCode !== 200 || res.get('set-cookie') || /no-store|private/.test(res.get('cache-control') ?? '')) return;
      if (body.length > maxEntryBytes) return;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = res.get(name);
        if (value) headers[name] = value;
      }
      cache.set(key, { status: res.statusCode, headers, body });
    });
    next();
  };

  return Object.assign(handler, { stats: () => ({ hits, misses, entries: cache.size }) });
}

/** Calls `keep` with the body of the response after res.send (which res.render and res.json use) has sent it. */
function keepWhatIsSent(res: Response, keep: (body: Buffer) => void): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    res.send = send; // res.json calls res.send again with a string
    const sent = send(body); // sets the status (304 when fresh) and the content type first
    if (typeof body === 'string' || Buffer.isBuffer(body)) keep(Buffer.isBuffer(body) ? body : Buffer.from(body));
    return sent;
  };
}
