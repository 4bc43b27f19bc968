import { createHash } from 'node:crypto';
import request from 'supertest';
import { PASSWORD_CHANGE_LIMIT } from '../src/account/account.routes';
import { CHECKED_TOKEN_MS } from '../src/auth/api-tokens.service';
import { signInThroughForm, pageCsrf } from './support/form-sign-in';
import { signIn } from './support/sign-in';
import { useTestApp } from './support/test-app';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

describe('the account page', () => {
  const ctx = useTestApp();

  test('when nobody is signed in, then /account redirects to the sign-in form and back', async () => {
    const res = await request(ctx.app).get('/account');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Faccount');
  });

  test('when an editor opens it, then it shows their name, email, role and their tokens without the secret', async () => {
    const me = await signIn(ctx.app, ctx.prisma, 'editor', 'Nour Editor');

    const res = await me.agent.get('/account');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.text).toContain('Nour Editor');
    expect(res.text).toContain(me.user.email);
    expect(res.text).toMatch(/<dt>Role<\/dt><dd>Editor/);
    expect(res.text).toContain(`<code>${me.apiToken.slice(0, 10)}…</code>`);
    expect(res.text).not.toContain(me.apiToken);
  });

  describe('changing the password', () => {
    test('when the current password is wrong, then 422 says so beside the field and the password is unchanged', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const before = await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } });

      const res = await me.agent.post('/account/password').type('form').send({
        current_password: 'not-my-password',
        new_password: 'a brand new passphrase',
        new_password_again: 'a brand new passphrase',
      });

      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="current_password"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('<p class="field-error" id="current_password-error">This is not your current password</p>');
      const after = await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } });
      expect(after.passwordHash).toBe(before.passwordHash);
    });

    test('when the current password has been guessed wrong too often, then even the right one is refused with 429 and nothing changes', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const before = await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } });
      const attempt = (current_password: string) =>
        me.agent
          .post('/account/password')
          .type('form')
          .send({ current_password, new_password: 'a brand new passphrase', new_password_again: 'a brand new passphrase' });

      for (let i = 0; i < PASSWORD_CHANGE_LIMIT; i++) expect((await attempt(`guess number ${i}`)).status).toBe(422);
      const locked = await attempt(me.password);

      expect(locked.status).toBe(429);
      expect(locked.text).toContain(
        '<p class="field-error" id="current_password-error">Too many failed attempts. Wait 15 minutes, then try again.</p>',
      );
      const after = await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } });
      expect(after.passwordHash).toBe(before.passwordHash);
      // Another account is not held back by this one's failures.
      const other = await signIn(ctx.app, ctx.prisma);
      const theirs = await other.agent.post('/account/password').type('form').send({
        current_password: other.password,
        new_password: 'another new passphrase',
        new_password_again: 'another new passphrase',
      });
      expect(theirs.status).toBe(303);
    });

    test('when the new password is too short or typed differently twice, then 422 names the field and nothing changes', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const before = await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } });
      const send = (new_password: string, new_password_again: string) =>
        me.agent.post('/account/password').type('form').send({ current_password: me.password, new_password, new_password_again });

      const short = await send('short', 'short');
      const differ = await send('a long enough passphrase', 'a long enough passphrasE');

      expect(short.status).toBe(422);
      expect(short.text).toContain('id="new_password-error">A password needs at least 12 characters');
      expect(differ.status).toBe(422);
      expect(differ.text).toContain('id="new_password_again-error">The two new passwords differ');
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: me.user.id } })).passwordHash).toBe(before.passwordHash);
    });

    test('when the current password is right, then this session stays signed in, others end, and only the new password signs in', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const elsewhere = await signInThroughForm(ctx.app, me.user.email, me.password);
      const fresh = 'correct horse battery staple';

      const res = await me.agent
        .post('/account/password')
        .type('form')
        .send({ current_password: me.password, new_password: fresh, new_password_again: fresh });

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account?done=password');
      const page = await me.agent.get('/account?done=password').expect(200);
      expect(page.text).toContain('Your password was changed.');
      expect((await elsewhere.agent.get('/account')).headers.location).toBe('/sign-in?next=%2Faccount');
      expect((await signInThroughForm(ctx.app, me.user.email, me.password)).status).toBe(401);
      expect((await signInThroughForm(ctx.app, me.user.email, fresh)).status).toBe(303);
    });
  });

  describe('API tokens', () => {
    test('when a token is made, then it is shown once, stored only as its SHA-256, and it authenticates API writes', async () => {
      const me = await signIn(ctx.app, ctx.prisma);

      const res = await me.agent.post('/account/tokens').type('form').send({ name: 'import script' });

      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const token = res.text.match(/<code class="token" id="new-token">(ork_[A-Za-z0-9_-]+)<\/code>/)?.[1];
      expect(token).toBeDefined();
      const row = await ctx.prisma.apiToken.findFirstOrThrow({ where: { userId: me.user.id, name: 'import script' } });
      expect(row.tokenHash).toBe(digest(token!));
      expect(JSON.stringify(row)).not.toContain(token!);
      expect((await me.agent.get('/account')).text).not.toContain(token!);

      const created = await request(ctx.app)
        .post('/api/v1/topics')
        .set('authorization', `Bearer ${token}`)
        .send({ name: 'Made with a new token' });
      expect(created.status).toBe(201);
      expect(await ctx.prisma.topic.count({ where: { name: 'Made with a new token' } })).toBe(1);
    });

    test('when a token is revoked, then the API answers 401 to it and the page lists it as revoked', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const page = await me.agent.post('/account/tokens').type('form').send({ name: 'to revoke' }).expect(201);
      const token = page.text.match(/id="new-token">([^<]+)</)![1]!;
      const row = await ctx.prisma.apiToken.findFirstOrThrow({ where: { userId: me.user.id, name: 'to revoke' } });
      // Used first, so that the app remembers it as checked (userForApiToken): revoking must forget it.
      await request(ctx.app).post('/api/v1/topics').set('authorization', `Bearer ${token}`).send({ name: 'Before' }).expect(201);

      const res = await me.agent.post(`/account/tokens/${row.id}/revoke`).type('form').send({});

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account?done=revoked');
      expect((await ctx.prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
      const api = await request(ctx.app).post('/api/v1/topics').set('authorization', `Bearer ${token}`).send({ name: 'Nope' });
      expect(api.status).toBe(401);
      expect(await ctx.prisma.topic.count({ where: { name: 'Nope' } })).toBe(0);
      expect((await me.agent.get('/account')).text).toMatch(/to revoke<\/th>[\s\S]*?revoked\s*<\/td>/);
    });

    test('when a token is revoked outside the app (SQL by hand), then it keeps working for at most CHECKED_TOKEN_MS, then 401', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const send = (name: string) =>
        request(ctx.app).post('/api/v1/topics').set('authorization', `Bearer ${me.apiToken}`).send({ name });
      await send('Checked once').expect(201);
      await ctx.prisma.apiToken.updateMany({ where: { userId: me.user.id }, data: { revokedAt: new Date() } });

      const soon = await send('Within the window');
      const now = Date.now();
      const later = jest.spyOn(Date, 'now').mockReturnValue(now + CHECKED_TOKEN_MS + 1);
      let after;
      try {
        after = await send('After the window');
      } finally {
        later.mockRestore();
      }

      expect(soon.status).toBe(201);
      expect(after.status).toBe(401);
      expect(await ctx.prisma.topic.count({ where: { name: 'After the window' } })).toBe(0);
    });

    test("when another user's token id is revoked, then 404 and that token still works", async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const other = await signIn(ctx.app, ctx.prisma);
      const theirs = await ctx.prisma.apiToken.findFirstOrThrow({ where: { userId: other.user.id } });

      const res = await me.agent.post(`/account/tokens/${theirs.id}/revoke`).type('form').send({});

      expect(res.status).toBe(404);
      expect((await ctx.prisma.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
      await request(ctx.app)
        .post('/api/v1/topics')
        .set('authorization', `Bearer ${other.apiToken}`)
        .send({ name: 'Still works' })
        .expect(201);
      expect((await me.agent.post('/account/tokens/not-a-number/revoke').type('form').send({})).status).toBe(404);
    });

    test('when a token is asked for without a name, then 422 beside the field and no token is made', async () => {
      const me = await signIn(ctx.app, ctx.prisma);

      const res = await me.agent.post('/account/tokens').type('form').send({ name: '   ' });

      expect(res.status).toBe(422);
      expect(res.text).toContain('id="name-error">Name the token after what will use it');
      expect(res.text).not.toMatch(/id="new-token"/);
      expect(await ctx.prisma.apiToken.count({ where: { userId: me.user.id } })).toBe(1); // signIn's own
    });
  });

  describe('CSRF', () => {
    test('when a signed-in browser posts without the form token or with a wrong one, then 403 and nothing is written', async () => {
      const me = await signIn(ctx.app, ctx.prisma);
      const bare = await signInThroughForm(ctx.app, me.user.email, me.password);

      const missing = await bare.agent.post('/account/tokens').type('form').send({ name: 'forged' });
      const wrong = await me.agent.post('/account/tokens').set('x-csrf-token', 'wrong').type('form').send({ name: 'forged' });
      const password = await bare.agent
        .post('/account/password')
        .type('form')
        .send({ current_password: me.password, new_password: 'forged passphrase', new_password_again: 'forged passphrase' });

      expect([missing.status, wrong.status, password.status]).toEqual([403, 403, 403]);
      expect(missing.text).toContain('This form has expired or was not sent from On Record');
      expect(await ctx.prisma.apiToken.count({ where: { userId: me.user.id, name: 'forged' } })).toBe(0);
      expect((await signInThroughForm(ctx.app, me.user.email, me.password)).status).toBe(303);
      // The same browser's own form token is accepted.
      const ok = await bare.agent
        .post('/account/tokens')
        .type('form')
        .send({ _csrf: await pageCsrf(bare.agent, '/account'), name: 'real' });
      expect(ok.status).toBe(201);
    });
  });
});
