import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';

// Synchroniser tokens kept in the session: a form carries the token in its
// `_csrf` field, a script may send it as `x-csrf-token`. The API is left out
// because it is authenticated by a bearer token, which a browser never adds
// by itself, so another site cannot make a user's browser send it. Nor is it
// asked of an anonymous visitor, who holds no rights to misuse (every write
// route sends them to sign in), except on the sign-in form itself, so that
// no other site can sign a visitor in to an account of its choosing.
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    const header = req.headers['x-csrf-token'];
    return typeof field === 'string' ? field : typeof header === 'string' ? header : undefined;
  },
  skipCsrfProtection: (req: Request) =>
    req.path.startsWith('/api/') || (req.session?.userId === undefined && req.path !== '/sign-in'),
  errorConfig: {
    statusCode: 403,
    code: 'csrf_token_invalid',
    message:
      'This form has expired or was not sent from On Record. Nothing was saved: go back, reload the page and send it again.',
  },
});

export const csrfProtection = csrfSynchronisedProtection;

/** The session's token (made on first use); forms render it in their `_csrf` field. */
export function csrfToken(req: Request, renew = false): string {
  return generateToken(req, renew);
}
