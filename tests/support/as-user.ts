import express, { type Express } from 'express';
import { createApp } from '../../src/app';
import type { PrismaClient } from '../../src/db/client';

/**
 * TEST ONLY, until the sign-in helper of the auth branch is merged: the real
 * app mounted inside an outer app that sets `res.locals.user` from the
 * `x-test-user` header (JSON: {id, email, name, role}). Production code has
 * no such path; these route tests should switch to the real sign-in helper.
 */
export function appAsUser(prisma: PrismaClient): Express {
  const outer = express();
  outer.use((req, res, next) => {
    const header = req.get('x-test-user');
    if (header) res.locals.user = JSON.parse(header) as unknown;
    next();
  });
  outer.use(createApp({ prisma, pageCacheMb: 0 }));
  return outer;
}

export const userHeader = (user: { id: number; name: string; role: 'admin' | 'editor' }) =>
  JSON.stringify({ email: `${user.name.replace(/\W/g, '')}@example.org`, ...user });
