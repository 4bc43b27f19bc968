import { gzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { SIGN_IN_LIMITS } from '../../src/auth/sign-in.routes';
import { createUser } from '../../src/users/users.service';
import { LAYOUT_MARK } from '../support/hostile';
import { csrfFrom } from '../support/sign-in';
import { apiBody, formFields } from '../support/statement-fixtures';
import { useTestApp } from '../support/test-app';
import { browserSignIn, makeTargets, unique, writeState, type Browser } from './support';

// Bodies over the limit, password guessing, and sign-in as a way off the site.

const ctx = useTestApp();
// Every sign-in attempt costs a scrypt hash (32 MiB, ~0.1 s of CPU), and these tests make up to 23 in a row.
jest.setTimeout(120_000);
const WRONG = 'That email and password do not match an active account.';
const LOCKED = 'Too many failed sign-in attempts. Wait 15 minutes, then try again.';
const TOO_LARGE = 'The request body is larger than the 256 KB allowed';
/** Sends a Buffer as it is (superagent's types expect a serializer to return a string). */
const asIs = ((body: Buffer) => body) as unknown as (body: unknown) => string;
/** Over the 256 KB limit, as text no field would refuse for its characters. */
const HUGE = 'x'.repeat(300 * 1024);

let app: Express;
let editor: Browser;
beforeAll(async () => {
  // One trusted hop, as behind a TLS proxy: each test signs in from its own address (X-Forwarded-For).
  app = createApp({ prisma: ctx.prisma, trustProxy: 1 });
  editor = await browserSignIn(app, ctx.prisma);
});

describe('bodies over the limit', () => {
  test('when each form is posted with a body over 256 KB, then 413 is a readable page and nothing is written', async () => {
    const t = await makeTargets(ctx.app, ctx.prisma, ctx.editorAccount.apiToken);
    const forms: [string, Record<string, string>][] = [
      ['/statements/new', formFields(t.speaker, t.topic, { text: HUGE })],
      [`/statements/${t.statement}/edit`, { ...formFields(t.speaker, t.topic, { text: HUGE }), version: '2' }],
      ['/speakers/new', { name: 'Big', kind: 'person', description: HUGE }],
      [`/topics/${t.topic}/edit`, { name: 'Big', description: HUGE, version: '2' }],
      ['/sign-in', { email: editor.user.email, password: HUGE }],
    ];
    const before = await writeState(ctx.prisma);

    for (const [path, form] of forms) {
      const res = await editor.agent
        .post(path)
        .type('form')
        .send({ ...form, _csrf: editor.csrf });
      expect([path, res.status]).toEqual([path, 413]);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(LAYOUT_MARK);
      expect(res.text).toContain(TOO_LARGE);
    }
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when each API write is sent JSON over 256 KB, then 413 is a JSON error and nothing is written', async () => {
    const t = await makeTargets(ctx.app, ctx.prisma, ctx.editorAccount.apiToken);
    const writes: ['post' | 'put', string, object][] = [
      ['post', '/api/v1/statements', apiBody(t.speaker, t.topic, { text: HUGE })],
      ['put', `/api/v1/statements/${t.statement}`, { ...apiBody(t.speaker, t.topic, { text: HUGE }), version: 2 }],
      ['post', '/api/v1/speakers', { name: 'Big', kind: 'person', aliases: [HUGE] }],
      ['put', `/api/v1/topics/${t.topic}`, { name: 'Big', description: HUGE, version: 2 }],
    ];
    const before = await writeState(ctx.prisma);

    for (const [method, path, body] of writes) {
      const res = await ctx.editor[method](path).send(body);
      expect([path, res.status]).toEqual([path, 413]);
      expect(res.body.error).toEqual({ code: 'payload_too_large', message: TOO_LARGE });
    }
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when a small gzip body inflates past 256 KB, then it is refused with 413 all the same', async () => {
    const before = await writeState(ctx.prisma);
    const bomb = gzipSync(JSON.stringify({ name: 'Bomb', kind: 'person', description: 'x'.repeat(5_000_000) }));
    expect(bomb.length).toBeLessThan(10_000);

    const res = await ctx.editor
      .post('/api/v1/speakers')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(asIs) // superagent would otherwise turn the Buffer into JSON
      .send(bomb);

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await writeState(ctx.prisma)).toEqual(before);
    // The same way, a small one is read: the 413 was the size's doing.
    const small = gzipSync(JSON.stringify({ name: `Zipped ${unique()}`, kind: 'person', allow_similar_name: true }));
    await ctx.editor
      .post('/api/v1/speakers')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(asIs)
      .send(small)
      .expect(201);
  });

  test('when a body is just under 256 KB, then it is read and judged on its fields (422), so the limit is where it says', async () => {
    const res = await ctx.editor
      .post('/api/v1/speakers')
      .send({ name: 'Almost', kind: 'person', description: 'x'.repeat(250 * 1024) });

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['description']);
  });
});

/** One sign-in attempt from an address, by a browser that first opened the form. */
async function attempt(address: string, email: string, password: string, extra: Record<string, string> = {}) {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in').set('X-Forwarded-For', address).expect(200);
  const res = await agent
    .post('/sign-in')
    .set('X-Forwarded-For', address)
    .type('form')
    .send({ _csrf: csrfFrom(form.text), email, password, ...extra });
  return Object.assign(res, { agent });
}

async function account(disabled = false) {
  const password = `pass-${unique()}${unique()}`;
  const user = await createUser(ctx.prisma, { email: `t-${unique()}@example.org`, name: 'Target', role: 'editor', password });
  if (disabled) await ctx.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
  return { email: user.email, password };
}

/** The page with the typed email taken out, to compare two answers. */
const without = (html: string, email: string) => html.split(email).join('EMAIL');

describe('password guessing', () => {
  test('when the password is wrong, the email unknown, or the account disabled, then the answers are identical', async () => {
    const known = await account();
    const off = await account(true);
    const nobody = `nobody-${unique()}@example.org`;

    const answers = [
      [await attempt('203.0.113.1', known.email, 'not the password'), known.email],
      [await attempt('203.0.113.1', nobody, 'not the password'), nobody],
      [await attempt('203.0.113.1', off.email, off.password), off.email],
    ] as const;

    // The same page but for the email typed (kept in its field) and the session's own token.
    const pages = answers.map(([res, email]) => {
      expect(res.status).toBe(401);
      expect(res.text).toContain(WRONG);
      return without(res.text, email).split(csrfFrom(res.text)).join('TOKEN');
    });
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toBe(pages[0]);
  });

  test.each([
    ['an account', false],
    ['an email no account has', true],
  ])(
    'when %s has had 5 failed attempts, then the 6th is refused with 429 and the lockout message even with the right password',
    async (_what, unknownEmail) => {
      const target = unknownEmail ? { email: `ghost-${unique()}@example.org`, password: 'any password' } : await account();
      // From several addresses: the count is per email, wherever the guesses come from.
      for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
        const res = await attempt(`198.51.100.${i + (unknownEmail ? 10 : 20)}`, target.email, `guess ${i}`);
        expect(res.status).toBe(401);
      }

      const locked = await attempt('198.51.100.99', target.email, target.password);
      // Written differently, the email is still the same one.
      const respelled = await attempt('198.51.100.98', ` ${target.email.toUpperCase()} `, target.password);

      for (const res of [locked, respelled]) {
        expect(res.status).toBe(429);
        expect(res.text).toContain(LOCKED);
        expect(res.text).not.toContain(WRONG);
        await res.agent.get('/statements/new').expect(303);
      }
    },
  );

  test('when one address fails 20 times over many emails, then its next attempt is refused, even forging X-Forwarded-For, while another address may still sign in', async () => {
    const victim = await account();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++)
      expect((await attempt('192.0.2.7', `spray-${i}-${unique()}@example.org`, 'Winter2025!')).status).toBe(401);

    // The proxy appends the client's real address; whatever the client wrote before it is not believed.
    const forged = await attempt('10.9.8.7, 192.0.2.7', victim.email, victim.password);
    const elsewhere = await attempt('192.0.2.8', victim.email, victim.password);

    expect(forged.status).toBe(429);
    expect(forged.text).toContain(LOCKED);
    expect(elsewhere.status).toBe(303);
  });
});

describe('where sign-in leads', () => {
  test.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    ' //evil.example',
  ])('when next is %j, then signing in leads to / and the form carries / too', async (next) => {
    const user = await account();
    const form = await request(app)
      .get(`/sign-in?next=${encodeURIComponent(next)}`)
      .expect(200);
    expect(form.text).toContain('name="next" value="/"');

    const res = await attempt('203.0.113.50', user.email, user.password, { next });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const again = await res.agent.get(`/sign-in?next=${encodeURIComponent(next)}`).expect(303);
    expect(again.headers.location).toBe('/');
  });

  test.each(['/\t/evil.example', '/%2F%2Fevil.example', '/\n/evil.example'])(
    'when next is %j, then the redirect stays on this site',
    async (next) => {
      const user = await account();

      const res = await attempt('203.0.113.51', user.email, user.password, { next });

      expect(res.status).toBe(303);
      expect(new URL(res.headers.location!, 'https://on-record.example').host).toBe('on-record.example');
    },
  );

  test('when next is a path of this site, then signing in leads there', async () => {
    const user = await account();

    const res = await attempt('203.0.113.52', user.email, user.password, { next: '/statements?page=2' });

    expect(res.headers.location).toBe('/statements?page=2');
  });
});
