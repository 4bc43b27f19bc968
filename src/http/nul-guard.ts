import type { RequestHandler } from 'express';
import { BadRequestError } from './errors';

const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000), which PostgreSQL cannot store. Nothing was saved.';

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v, depth + 1));
}

/**
 * Refuses, with a 400, any request whose address or body carries U+0000:
 * PostgreSQL rejects it in text, and letting it reach a query would be a 500.
 * Mounted after the body parsers.
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  if (/%00/i.test(req.originalUrl) || holdsNul(req.body)) next(new BadRequestError(NUL_MESSAGE, 'invalid_character'));
  else next();
};
