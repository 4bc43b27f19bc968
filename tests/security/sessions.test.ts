import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/auth/api-tokens.service';
import { SESSION_COOKIE } from '../../src/auth/session';
import { changeUser, createUser } from '../../src/users/users.service';
import { csrfFrom } from '../support/sign-in';
import { useTestApp } from '../support/test-app';
import { unique, writeState } from './support';

// The session cookie as an attacker would handle it: planted before sign-in,
// kept after sign-out, tampered with, read by a script, sent over plain HTTP.

const ctx = useTestApp();

/** The session's Set-Cookie header of a response, if it sets one. */
const setCookie = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
/** `name=value`, as a browser sends it back. */
const pair = (cookie: string) => cookie.split(';')[0]!;
/** The session id inside the signed value `s:<id>.<signature>`. */
const sid = (cookie: string) => decodeURIComponent(pair(cookie).split('=')[1]!).replace(/^s:/, '').split('.')[0]!;

/** Signs a new account in by hand, as a browser would: the cookie before, the cookie after, and the account. */
async function signInByHand(app: Express = ctx.app, headers: Record<string, string> = {}) {
  const password = `pass-${unique()}${unique()}`;
  const user = await createUser(ctx.prisma, {
    email: `s-${unique()}@example.org`,
    name: 'Session user',
    role: 'editor',
    password,
  });
  const form = await request(app).get('/sign-in').set(headers).expect(200);
  const before = setCookie(form)!;
  const signedIn = await request(app)
    .post('/sign-in')
    .set(headers)
    .set('Cookie', pair(before))
    .type('form')
    .send({ _csrf: csrfFrom(form.text), email: user.email, password })
    .expect(303);
  return { before, after: setCookie(signedIn)!, user };
}

/** Whether a cookie signs anyone in: the add-a-statement form opens (200) or sends to sign-in (303). */
async function signedIn(cookie: string): Promise<boolean> {
  const res = await request(ctx.app).get('/statements/new').set('Cookie', pair(cookie));
  if (res.status === 303) expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
  else expect(res.status).toBe(200);
  return res.status === 200;
}

describe('the session id', () => {
  test('when a visitor signs in, then the session id is new and the one held before (say, planted by an attacker) signs nobody in and is gone', async () => {
    const { before, after, user } = await signInByHand();

    expect(sid(after)).not.toBe(sid(before));
    expect(await signedIn(before)).toBe(false);
    expect(await signedIn(after)).toBe(true);
    expect(await ctx.prisma.session.findUnique({ where: { sid: sid(before) } })).toBeNull();
    const row = await ctx.prisma.session.findUniqueOrThrow({ where: { sid: sid(after) } });
    expect(row.sess).toMatchObject({ userId: user.id });
  });

  test('when a user signs out, then the session is deleted, the cookie cleared, and the old cookie (with its token) neither signs in nor writes', async () => {
    const { after } = await signInByHand();
    const token = csrfFrom((await request(ctx.app).get('/').set('Cookie', pair(after)).expect(200)).text);

    const out = await request(ctx.app)
      .post('/sign-out')
      .set('Cookie', pair(after))
      .type('form')
      .send({ _csrf: token })
      .expect(303);

    expect(setCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await ctx.prisma.session.findUnique({ where: { sid: sid(after) } })).toBeNull();
    expect(await signedIn(after)).toBe(false);
    const before = await writeState(ctx.prisma);
    const replay = await request(ctx.app)
      .post('/topics/new')
      .set('Cookie', pair(after))
      .type('form')
      .send({ _csrf: token, name: `Replayed ${unique()}` });
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/sign-in/);
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when the cookie’s id or signature is altered, then it signs nobody in', async () => {
    const { after } = await signInByHand();
    const value = decodeURIComponent(pair(after).split('=')[1]!);
    const [id, signature] = value.slice(2).split('.');
    const forged = [
      `s:${id}.${signature!.slice(0, -2)}AA`,
      `s:${id}x.${signature}`,
      `s:${id}`,
      id!,
      `s:${id}.${signature}`.replace(id!, id!.toUpperCase()),
    ];

    for (const v of forged) expect(await signedIn(`${SESSION_COOKIE}=${encodeURIComponent(v)}`)).toBe(false);
    expect(await signedIn(after)).toBe(true);
  });

  test('when a session has expired in the database, then its cookie signs nobody in', async () => {
    const { after } = await signInByHand();

    await ctx.prisma.session.update({ where: { sid: sid(after) }, data: { expire: new Date(Date.now() - 1000) } });

    expect(await signedIn(after)).toBe(false);
  });

  test('when an account is disabled, then its open session and its API token stop working at once', async () => {
    const { after, user } = await signInByHand();
    const { token } = await createApiToken(ctx.prisma, user.id, 'soon useless');
    expect(await signedIn(after)).toBe(true);

    await changeUser(ctx.prisma, user.id, { role: 'editor', disabled: true });

    expect(await signedIn(after)).toBe(false);
    await request(ctx.app).post('/api/v1/topics').set('authorization', `Bearer ${token}`).send({ name: 'Never' }).expect(401);
  });
});

describe('the cookie’s flags', () => {
  test('when the session cookie is set over plain HTTP, then it is HttpOnly, SameSite=Lax, for the whole site, not Secure, and signed-in pages are not stored by caches', async () => {
    const { before, after } = await signInByHand();

    for (const cookie of [before, after]) {
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/i);
    }
    const page = await request(ctx.app).get('/').set('Cookie', pair(after)).expect(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
  });

  test('when the request came over TLS through a trusted proxy, then the cookie is also Secure', async () => {
    // One hop (the TLS proxy in front), as TRUST_PROXY should be set: with `true` any client could
    // also forge X-Forwarded-For past the per-address sign-in limit (see limits.test.ts).
    const behindProxy = createApp({ prisma: ctx.prisma, trustProxy: 1 });

    const { before, after } = await signInByHand(behindProxy, { 'X-Forwarded-Proto': 'https' });

    for (const cookie of [before, after]) {
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
    }
  });

  test('when a client that is not a trusted proxy claims X-Forwarded-Proto: https, then it is not believed and the cookie is not Secure', async () => {
    const { before, after } = await signInByHand(ctx.app, { 'X-Forwarded-Proto': 'https' });

    for (const cookie of [before, after]) expect(cookie).not.toMatch(/; Secure/i);
  });
});
