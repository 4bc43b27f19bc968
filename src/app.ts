import path from 'node:path';
import express, { type Express } from 'express';
import type { PrismaClient } from './db/client';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { refuseUnstorableText } from './http/unstorable-text';
import { pageCache } from './http/page-cache';
import { useViews, VIEWS_DIR } from './http/views';
import { homeRoutes } from './home/home.routes';
import { speakersRoutes } from './speakers/speakers.routes';
import { topicsRoutes } from './topics/topics.routes';
import { statementsRoutes } from './statements/statements.routes';
import { apiRoutes } from './api/api.routes';
import { searchRoutes } from './search/search.routes';
import { compareRoutes } from './compare/compare.routes';
import { historyRoutes } from './history/history.routes';
import { feedsRoutes } from './feeds/feeds.routes';
import { aboutRoutes } from './about/about.routes';
import { speakerRedirects } from './speakers/speakers.redirects';
import { editingRoutes } from './editing/editing.routes';

export type AppDeps = {
  prisma: PrismaClient;
  /** Megabytes of whole GET responses to keep per process (src/http/page-cache.ts); 0 turns the cache off. */
  pageCacheMb?: number;
};

export const BODY_LIMIT = '256kb';

export function createApp({ prisma, pageCacheMb = 64 }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  useViews(app);

  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.use('/api', express.json({ limit: BODY_LIMIT }));
  app.use(express.urlencoded({ extended: true, limit: BODY_LIMIT, parameterLimit: 2000 }));
  app.use(refuseUnstorableText);
  // Before the page cache: it touches no database (and is the benchmark's baseline).
  app.use(aboutRoutes());
  if (pageCacheMb > 0) app.use(pageCache(prisma, { maxBytes: pageCacheMb * 1024 * 1024 }));

  app.use('/api/v1', apiRoutes(prisma));
  app.use(searchRoutes(prisma));
  app.use(compareRoutes(prisma));
  app.use(editingRoutes(prisma));
  app.use(historyRoutes(prisma));
  app.use(feedsRoutes(prisma));
  app.use(homeRoutes(prisma));
  app.use(speakersRoutes(prisma));
  app.use(topicsRoutes(prisma));
  app.use(statementsRoutes(prisma));

  app.use(notFoundHandler);
  app.use(speakerRedirects(prisma));
  app.use(errorHandler);
  return app;
}
