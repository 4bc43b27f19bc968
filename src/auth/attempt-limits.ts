import type { Request, Response } from 'express';
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import type { PrismaClient } from '../db/client';
import { PrismaRateLimitStore } from './rate-limit-store';

/** How long failed attempts are remembered. */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed attempts at a password (any answer of 400 or more) per key, in
 * the `rate_limits` table, and hands the request to `refuse` once `limit` of
 * them fall in one window. A successful attempt does not count.
 */
export function failedAttemptLimiter(
  prisma: PrismaClient,
  options: {
    prefix: string;
    limit: number;
    key?: (req: Request, res: Response) => string;
    refuse: (req: Request, res: Response) => void | Promise<void>;
  },
): RateLimitRequestHandler {
  return rateLimit({
    windowMs: ATTEMPT_WINDOW_MS,
    limit: options.limit,
    skipSuccessfulRequests: true,
    store: new PrismaRateLimitStore(prisma, options.prefix),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.key ? { keyGenerator: options.key } : {}),
    handler: (req, res, next) => {
      Promise.resolve(options.refuse(req, res)).catch(next);
    },
  });
}

/** The rate_limits key of an email's failed sign-ins is this prefix and the email in lower case. */
export const SIGN_IN_EMAIL_PREFIX = 'sign-in:email:';
