import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Role } from '../../src/auth/guards';
import { createApiToken } from '../../src/auth/api-tokens.service';
import type { PrismaClient } from '../../src/db/client';
import { createUser } from '../../src/users/users.service';

export type SignedIn = {
  /** A cookie-keeping agent, signed in through the real form; it sends the CSRF token and an API token on every request. */
  agent: TestAgent;
  user: { id: number; email: string; name: string; role: Role };
  password: string;
  csrf: string;
  apiToken: string;
};

/** The `_csrf` value of the first form on a page. */
export function csrfFrom(html: string): string {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('The page has no CSRF field');
  return token;
}

/** A new account of the role, signed in through /sign-in like a browser: the agent keeps cookies and sends nothing else by itself. */
export async function signInThroughForm(app: Express, prisma: PrismaClient, role: Role = 'editor', name?: string) {
  const password = `pass-${randomBytes(9).toString('hex')}`;
  const tag = randomBytes(4).toString('hex');
  const user = await createUser(prisma, { email: `${role}-${tag}@example.org`, name: name ?? `${role} ${tag}`, role, password });
  const agent = request.agent(app);
  const form = await agent.get('/sign-in').expect(200);
  await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfFrom(form.text), email: user.email, password })
    .expect(303);
  // The session id and its CSRF token are new after signing in.
  const csrf = csrfFrom((await agent.get('/').expect(200)).text);
  return { agent, user, password, csrf };
}

/** As signInThroughForm, and the agent sends the CSRF token and an API token of the account on every request. */
export async function signIn(app: Express, prisma: PrismaClient, role: Role = 'editor', name?: string): Promise<SignedIn> {
  const signedIn = await signInThroughForm(app, prisma, role, name);
  const { token: apiToken } = await createApiToken(prisma, signedIn.user.id, 'tests');
  signedIn.agent.set('x-csrf-token', signedIn.csrf).set('authorization', `Bearer ${apiToken}`);
  return { ...signedIn, apiToken };
}
