import type { ErrorRequestHandler } from 'express';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../http/errors';
import { redirectedSlug } from './speakers.merge';

const SPEAKER_PATH = /^(\/api\/v1)?\/speakers\/([^/]+)(\/.*)?$/;

/**
 * A merged speaker's old address, its sub-pages and its API answer 301 to
 * the speaker it was merged into. It runs only once a speaker route has
 * found nothing (a NotFoundError), so a live speaker's pages pay nothing.
 */
export function speakerRedirects(prisma: PrismaClient): ErrorRequestHandler {
  return async (error, req, res, next) => {
    const match = SPEAKER_PATH.exec(req.path);
    if (!(error instanceof NotFoundError) || !match || (req.method !== 'GET' && req.method !== 'HEAD')) return next(error);
    let slug: string;
    try {
      slug = decodeURIComponent(match[2]!);
    } catch {
      return next(error);
    }
    const target = await redirectedSlug(prisma, slug);
    if (!target) return next(error);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res.redirect(301, `${match[1] ?? ''}/speakers/${encodeURIComponent(target)}${match[3] ?? ''}${query}`);
  };
}
