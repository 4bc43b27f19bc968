import { Router, type Request, type Response } from 'express';
import { loadConfig } from '../config';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../http/errors';
import { parseOrThrow } from '../http/validation';
import { searchParams } from '../search/search.schema';
import { isEmptySearch, searchStatements } from '../search/search.service';
import {
  ATOM_CONTENT_TYPE,
  FEED_ENTRIES,
  feedSelect,
  feedUpdated,
  statementsFeed,
  stanceEntryTitle,
  type StatementsFeedOptions,
} from './atom';
import { searchFeedLink, speakerFeedLink, topicFeedLink } from './feed-links';
import { feedSpeaker, feedTopic, speakerFeedStatements, topicFeedStatements } from './feeds.queries';

/**
 * The origin feeds write their absolute URLs with: PUBLIC_URL when set (behind
 * a proxy), else the protocol and Host of the request.
 */
export function feedBaseUrl(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  try {
    return new URL(`${req.protocol}://${req.get('host') ?? 'localhost'}`).origin;
  } catch {
    return `${req.protocol}://localhost`;
  }
}

/** A feed as a route describes it: paths instead of absolute URLs. */
export type FeedResponse = Omit<StatementsFeedOptions, 'selfUrl' | 'alternateUrl' | 'baseUrl'> & {
  /** The feed's path and query, e.g. `/search/feed.atom?q=…`. */
  selfPath: string;
  /** The HTML page's path and query. */
  pagePath: string;
};

/**
 * Writes the Atom document and sends it with Last-Modified; Express adds an
 * ETag and answers 304 to a conditional request whose validators still match.
 * `publicUrl`: the configured PUBLIC_URL (`loadConfig().publicUrl`), if any.
 */
export function sendStatementsFeed(req: Request, res: Response, feed: FeedResponse, publicUrl: string | undefined): void {
  const baseUrl = feedBaseUrl(req, publicUrl);
  const { selfPath, pagePath, ...options } = feed;
  const xml = statementsFeed({ ...options, baseUrl, selfUrl: baseUrl + selfPath, alternateUrl: baseUrl + pagePath });
  res.set('Content-Type', ATOM_CONTENT_TYPE);
  res.set('Last-Modified', feedUpdated(feed.statements, feed.minUpdated).toUTCString());
  res.set('Cache-Control', 'no-cache');
  res.send(xml);
}

export function feedsRoutes(prisma: PrismaClient, publicUrl: string | undefined = loadConfig().publicUrl): Router {
  const router = Router();

  router.get('/speakers/:slug/feed.atom', async (req, res) => {
    const speaker = await feedSpeaker(prisma, req.params.slug);
    const statements = await speakerFeedStatements(prisma, speaker.id);
    const feed: FeedResponse = {
      title: `Statements by ${speaker.name} · On Record`,
      subtitle: `The latest statements by ${speaker.name} put on record, the most recently recorded first.`,
      selfPath: speakerFeedLink(speaker).href,
      pagePath: `/speakers/${encodeURIComponent(speaker.slug)}`,
      statements,
      minUpdated: speaker.updatedAt,
    };
    sendStatementsFeed(req, res, feed, publicUrl);
  });

  router.get('/topics/:slug/feed.atom', async (req, res) => {
    const topic = await feedTopic(prisma, req.params.slug);
    const statements = await topicFeedStatements(prisma, topic.id);
    const feed: FeedResponse = {
      title: `Statements on ${topic.name} · On Record`,
      subtitle: `The latest statements taking a stance on ${topic.name} put on record, the most recently recorded first.`,
      selfPath: topicFeedLink(topic).href,
      pagePath: `/topics/${encodeURIComponent(topic.slug)}`,
      statements,
      minUpdated: topic.updatedAt,
      entryTitle: (row) => stanceEntryTitle(row, topic.slug),
    };
    sendStatementsFeed(req, res, feed, publicUrl);
  });

  // The search's newest matches: a reader following "ceasefire" from one
  // speaker sees each new statement that says it.
  router.get('/search/feed.atom', async (req, res) => {
    const params = parseOrThrow(searchParams, req.query);
    if (isEmptySearch(params)) throw new ValidationError({ q: 'Give words to search for, or a filter' });
    const result = await searchStatements(prisma, { ...params, sort: 'newest' }, { page: 1, limit: FEED_ENTRIES });
    const ids = result.hits.map((h) => h.id);
    const rows = await prisma.statement.findMany({ where: { id: { in: ids } }, select: feedSelect });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const words = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const link = searchFeedLink(req.query as Record<string, string>, words);
    const feed: FeedResponse = {
      title: `${words ? `Search “${words}”` : 'Search'} · On Record`,
      subtitle: 'The statements matching this search on On Record, the most recently said first.',
      selfPath: link.href,
      pagePath: link.href.replace('/search/feed.atom', '/search'),
      statements: ids.flatMap((id) => byId.get(id) ?? []),
      minUpdated: new Date(0),
    };
    sendStatementsFeed(req, res, feed, publicUrl);
  });

  return router;
}
