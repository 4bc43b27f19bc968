import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { PrismaClient } from '../db/client';
import { PrismaSessionStore } from './session-store';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in account; absent for an anonymous visitor who only holds a CSRF token. */
    userId?: number;
  }
}

export const SESSION_COOKIE = 'on_record.sid';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type SessionOptions = {
  /** Signs the cookie; every process behind one address needs the same one (SESSION_SECRET). */
  secret?: string;
};

/**
 * Sessions in PostgreSQL. Nothing is stored for a reader who never signs in
 * (saveUninitialized: false), so reading stays free of writes. The cookie is
 * HttpOnly and SameSite=Lax always, and Secure whenever the request came over
 * TLS (`secure: 'auto'`; behind a proxy, set TRUST_PROXY so Express knows).
 */
export function sessions(
  prisma: PrismaClient,
  options: SessionOptions = {},
): { middleware: RequestHandler; store: PrismaSessionStore } {
  const store = new PrismaSessionStore(prisma);
  const middleware = session({
    name: SESSION_COOKIE,
    secret: options.secret ?? randomBytes(32).toString('hex'),
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: WEEK_MS },
  });
  return { middleware, store };
}
