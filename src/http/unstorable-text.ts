import type { RequestHandler } from 'express';
import { BadRequestError } from './errors';

const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000), which PostgreSQL cannot store. Nothing was saved.';
const SURROGATE_MESSAGE =
  'Text may not contain a lone surrogate (U+D800 to U+DFFF without its pair), which is not a character: it would be stored as U+FFFD. Nothing was saved.';

// With the u flag a pair reads as one astral code point, so only a half on its own is a match.
const LONE_SURROGATE = /\p{Cs}/u;

/** What makes the text unstorable, or undefined: NUL anywhere in a key or value, or a lone surrogate. */
function unstorable(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return NUL_MESSAGE;
    return LONE_SURROGATE.test(value) ? SURROGATE_MESSAGE : undefined;
  }
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    const found = unstorable(key, depth) ?? unstorable(v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, with a 400, any request whose address or body carries text
 * PostgreSQL cannot keep as sent: it rejects U+0000 in text (a 500 if it
 * reached a query), and the driver would silently replace a lone surrogate
 * (only JSON's \ud800 escapes can make one) with U+FFFD, changing the quote.
 * Mounted after the body parsers.
 */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const message = /%00/i.test(req.originalUrl) ? NUL_MESSAGE : unstorable(req.body);
  next(message ? new BadRequestError(message, 'invalid_character') : undefined);
};
