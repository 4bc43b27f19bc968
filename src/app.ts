import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
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
import { sessions } from './auth/session';
import { authenticate } from './auth/authenticate';
import { csrfProtection } from './auth/csrf';
import { signInRoutes } from './auth/sign-in.routes';
import { accountRoutes } from './account/account.routes';
import { usersRoutes } from './users/users.routes';
import { fromArticleBody, fromArticleRoutes } from './from-article/from-article.routes';
import { extractApiBody } from './from-article/from-article.api';

export type AppDeps = {
  prisma: PrismaClient;
  /** Megabytes of whole GET responses to keep per process (src/http/page-cache.ts); 0 turns the cache off. */
  pageCacheMb?: number;
  /** Signs session cookies (SESSION_SECRET); a random one per process when absent. */
  sessionSecret?: string;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-* to believe, for Secure cookies and client addresses. */
  trustProxy?: boolean | number | string;
};

export const BODY_LIMIT = '256kb';

export function createApp({ prisma, pageCacheMb = 64, sessionSecret, trustProxy = false }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.set('trust proxy', trustProxy);
  useViews(app);

  app.use(securityHeaders);
  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  // An article is longer than any other body: its pages and its API route have their own, larger limits.
  app.use('/statements/from-article', fromArticleBody);
  app.use('/api/v1/extract', extractApiBody);
  app.use('/api', express.json({ limit: BODY_LIMIT }));
  app.use(express.urlencoded({ extended: true, limit: BODY_LIMIT, parameterLimit: 2000 }));
  app.use(refuseUnstorableText);
  // The API is authenticated by bearer tokens only: no session is read there.
  const { middleware: session } = sessions(prisma, { secret: sessionSecret });
  app.use(exceptApi(session));
  app.use(authenticate(prisma));
  app.use(csrfProtection);
  // Before the page cache: it touches no database for a reader without a session (the benchmark's baseline).
  app.use(aboutRoutes());
  app.use(signInRoutes(prisma));
  if (pageCacheMb > 0) app.use(pageCache(prisma, { maxBytes: pageCacheMb * 1024 * 1024 }));

  app.use('/api/v1', apiRoutes(prisma));
  app.use(searchRoutes(prisma));
  app.use(compareRoutes(prisma));
  app.use(editingRoutes(prisma));
  app.use(accountRoutes(prisma));
  app.use(usersRoutes(prisma));
  app.use(historyRoutes(prisma));
  app.use(feedsRoutes(prisma));
  app.use(homeRoutes(prisma));
  app.use(speakersRoutes(prisma));
  app.use(topicsRoutes(prisma));
  app.use(fromArticleRoutes(prisma));
  app.use(statementsRoutes(prisma));

  app.use(notFoundHandler);
  app.use(speakerRedirects(prisma));
  app.use(errorHandler);
  return app;
}

/**
 * A strict Content-Security-Policy: scripts, styles, images and form targets
 * from this site only, nothing inline, no framing. Text typed by anyone is
 * escaped on output; this is the second line if an escape were ever missed.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
    },
  },
});

function exceptApi(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (req.path.startsWith('/api/') ? next() : handler(req, res, next));
}
