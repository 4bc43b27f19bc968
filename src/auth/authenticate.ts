import type { RequestHandler } from 'express';
import type { PrismaClient } from '../db/client';
import { UnauthorizedError } from '../http/errors';
import { activeUser } from '../users/users.service';
import { userForApiToken } from './api-tokens.service';
import { csrfToken } from './csrf';

/**
 * Sets `res.locals.user`: on the API from an `Authorization: Bearer` token
 * (sessions are not read there, so the API needs no CSRF token), on pages
 * from the session. A session whose account was disabled since is signed out.
 * Pages for a signed-in user are private: never kept by the page cache or a
 * shared proxy, and they carry the session's CSRF token for their forms.
 */
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    if (req.path.startsWith('/api/')) {
      const header = req.get('authorization');
      const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (bearer) {
        const user = await userForApiToken(prisma, bearer);
        if (!user) return next(new UnauthorizedError('This API token is unknown or was revoked.', 'invalid_token'));
        res.locals.user = user;
      }
      return next();
    }
    const userId = req.session?.userId;
    if (userId !== undefined) {
      const user = await activeUser(prisma, userId);
      if (user) res.locals.user = user;
      else delete req.session.userId;
    }
    if (res.locals.user) {
      res.set('Cache-Control', 'private, no-store');
      res.locals.csrfToken = csrfToken(req);
    }
    next();
  };
}
