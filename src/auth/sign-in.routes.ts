import { Router, type Request, type Response } from 'express';
import type { PrismaClient } from '../db/client';
import { formValues } from '../http/form';
import { signInInput } from '../users/users.schema';
import { authenticate } from '../users/users.service';
import { csrfToken } from './csrf';
import { failedAttemptLimiter, SIGN_IN_EMAIL_PREFIX } from './attempt-limits';
import { SESSION_COOKIE } from './session';

/** Failed attempts allowed per window: for one email from anywhere, and from one address for any email. */
export const SIGN_IN_LIMITS = { perEmail: 5, perAddress: 20 };

// One message whether the account exists, the password is wrong or the
// account is disabled, and the same lockout for every email, known or not.
const WRONG = 'That email and password do not match an active account.';
const LOCKED = 'Too many failed sign-in attempts. Wait 15 minutes, then try again.';

/** Where to go after signing in: only a path of this site, never another host. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : '/';
}

function renderSignIn(req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) {
  const values = formValues(req.body ?? req.query, ['email', 'next'] as const);
  res.status(status).render('auth/sign-in', {
    title: 'Sign in',
    email: values.email,
    next: safeNext(values.next || req.query.next),
    csrfToken: csrfToken(req),
    ...extra,
  });
}

const limiter = (prisma: PrismaClient, prefix: string, limit: number, key?: (req: Request) => string) =>
  failedAttemptLimiter(prisma, { prefix, limit, key, refuse: (req, res) => renderSignIn(req, res, 429, { message: LOCKED }) });

const emailKey = (req: Request) => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
};

export function signInRoutes(prisma: PrismaClient): Router {
  const router = Router();
  const perAddress = limiter(prisma, 'sign-in:address:', SIGN_IN_LIMITS.perAddress);
  const perEmail = limiter(prisma, SIGN_IN_EMAIL_PREFIX, SIGN_IN_LIMITS.perEmail, emailKey);

  router.get('/sign-in', (req, res) => {
    if (res.locals.user) return res.redirect(303, safeNext(req.query.next));
    res.set('Cache-Control', 'private, no-store');
    renderSignIn(req, res, 200);
  });

  router.post('/sign-in', perAddress, perEmail, async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const parsed = signInInput.safeParse(req.body);
    if (!parsed.success) return renderSignIn(req, res, 401, { message: WRONG });
    const user = await authenticate(prisma, parsed.data.email, parsed.data.password);
    if (!user) return renderSignIn(req, res, 401, { message: WRONG });
    // A new session id at sign-in, so that an id planted before it is worthless.
    await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
    req.session.userId = user.id;
    csrfToken(req, true);
    await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
    res.redirect(303, safeNext((req.body as Record<string, unknown>).next));
  });

  router.post('/sign-out', async (req, res) => {
    await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax' });
    res.redirect(303, '/');
  });

  return router;
}
