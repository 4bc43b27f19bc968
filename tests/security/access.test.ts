import request from 'supertest';
import { createApiToken, revokeApiToken } from '../../src/auth/api-tokens.service';
import { LAYOUT_MARK } from '../support/hostile';
import { signIn, type SignedIn } from '../support/sign-in';
import { useTestApp } from '../support/test-app';
import { API_WRITES, PAGE_WRITES, browserSignIn, makeTargets, unique, writeState } from './support';

// Writes without a user, with a token that is not (or no longer) good, with
// only a session cookie on the API, and an editor trying an admin's actions:
// each refused, with nothing written. Each route is then sent the same
// request by an admin, which goes through, so a refusal is never a bad body.

const ctx = useTestApp();
let admin: SignedIn;

beforeAll(async () => {
  admin = await signIn(ctx.app, ctx.prisma, 'admin');
});

describe('page writes without a session', () => {
  test.each(PAGE_WRITES)(
    'when %s is posted with no session or a forged cookie, then it redirects to sign-in and nothing is written',
    async (_route, make) => {
      const [path, form] = make(await makeTargets(ctx.app, ctx.prisma, admin.apiToken));
      const before = await writeState(ctx.prisma);

      const answers = [
        await request(ctx.app).post(path).type('form').send(form),
        await request(ctx.app).post(path).type('form').set('Cookie', 'on_record.sid=s%3Aforged.c2lnbmF0dXJl').send(form),
        // A bearer token is read on the API only: it does not make a page write.
        await request(ctx.app).post(path).type('form').set('authorization', `Bearer ${admin.apiToken}`).send(form),
      ];

      for (const res of answers) {
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/sign-in?next=%2F');
      }
      expect(await writeState(ctx.prisma)).toEqual(before);
      await admin.agent.post(path).type('form').send(form).expect(303);
      expect(await writeState(ctx.prisma)).not.toEqual(before);
    },
  );
});

describe('API writes without a good token', () => {
  let revoked: string;
  let disabled: string;
  let session: Awaited<ReturnType<typeof browserSignIn>>;
  beforeAll(async () => {
    const made = await createApiToken(ctx.prisma, admin.user.id, 'revoked');
    await revokeApiToken(ctx.prisma, admin.user.id, made.id);
    revoked = made.token;
    session = await browserSignIn(ctx.app, ctx.prisma, 'admin');
    const gone = await signIn(ctx.app, ctx.prisma, 'admin');
    await ctx.prisma.user.update({ where: { id: gone.user.id }, data: { disabledAt: new Date() } });
    disabled = gone.apiToken;
  });

  test.each(API_WRITES)(
    'when %s is sent without a token, with an unknown, malformed, revoked or disabled account’s token, or with only a session cookie, then 401 and nothing is written',
    async (_route, make) => {
      const [method, path, body] = make(await makeTargets(ctx.app, ctx.prisma, admin.apiToken));
      const before = await writeState(ctx.prisma);
      const send = (authorization?: string) => {
        const req = request(ctx.app)[method](path);
        return (authorization ? req.set('authorization', authorization) : req).send(body);
      };

      const answers = {
        none: await send(),
        unknown: await send(`Bearer ork_${unique()}${unique()}`),
        malformed: await send(`Bearer ${admin.apiToken.slice(0, -1)}`),
        'not ours': await send('Bearer abc.def.ghi'),
        revoked: await send(`Bearer ${revoked}`),
        'disabled account': await send(`Bearer ${disabled}`),
        basic: await send(`Basic ${Buffer.from(`${admin.user.email}:${admin.password}`).toString('base64')}`),
        // The browser of a signed-in admin, as another site would make it post: the session is not read on the API.
        'session cookie': await session.agent[method](path).set('x-csrf-token', session.csrf).send(body),
      };

      const statuses = Object.fromEntries(Object.entries(answers).map(([k, res]) => [k, res.status]));
      expect(statuses).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 401])));
      for (const res of Object.values(answers)) expect(res.body.error.code).toMatch(/^(unauthenticated|invalid_token)$/);
      expect(answers.revoked.body.error.code).toBe('invalid_token');
      expect(await writeState(ctx.prisma)).toEqual(before);
      const accepted = await send(`Bearer ${admin.apiToken}`);
      expect(accepted.status).toBeLessThan(300);
      expect(await writeState(ctx.prisma)).not.toEqual(before);
    },
  );

  test('when the API is addressed in capitals by a signed-in browser without a CSRF token, then the session does not let it write', async () => {
    const before = await writeState(ctx.prisma);

    const res = await session.agent.post('/API/v1/speakers').send({ name: `Capital ${unique()}`, kind: 'person' });

    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired or was not sent from On Record');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});

describe('an editor trying an admin’s actions', () => {
  test('when an editor opens the trash or restores from it, on the pages or the API, then each answer is 403 and the statement stays deleted', async () => {
    const t = await makeTargets(ctx.app, ctx.prisma, admin.apiToken);
    const { entityId } = await ctx.prisma.revision.findUniqueOrThrow({ where: { id: t.trashRevision } });
    const before = await writeState(ctx.prisma);

    const page = await ctx.editor.get('/admin/trash');
    const pageRestore = await ctx.editor.post(`/admin/trash/${t.trashRevision}/restore`).type('form').send({});
    const api = await ctx.editor.get('/api/v1/trash');
    const apiRestore = await ctx.editor.post(`/api/v1/trash/${t.trashRevision}/restore`).send({});

    expect([page.status, pageRestore.status, api.status, apiRestore.status]).toEqual([403, 403, 403, 403]);
    for (const res of [page, pageRestore]) {
      expect(res.text).toContain(LAYOUT_MARK);
      expect(res.text).toContain('This needs the admin role.');
      expect(res.text).not.toContain('Restore statement');
    }
    for (const res of [api, apiRestore])
      expect(res.body.error).toEqual({ code: 'forbidden', message: 'This needs the admin role.' });
    expect(await writeState(ctx.prisma)).toEqual(before);
    expect(await ctx.prisma.statement.findUnique({ where: { id: entityId } })).toBeNull();
    // The same restore by an admin goes through.
    await admin.agent.post(`/api/v1/trash/${t.trashRevision}/restore`).send({}).expect(200);
    expect(await ctx.prisma.statement.findUnique({ where: { id: entityId } })).not.toBeNull();
  });
});
