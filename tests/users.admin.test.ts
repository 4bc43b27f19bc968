import request from 'supertest';
import { signInThroughForm } from './support/form-sign-in';
import { signIn, signInThroughForm as signInAs, type SignedIn } from './support/sign-in';
import { useTestApp } from './support/test-app';

describe('the accounts page (/admin/users)', () => {
  const ctx = useTestApp();
  let admin: SignedIn;
  beforeAll(async () => {
    admin = await signIn(ctx.app, ctx.prisma, 'admin', 'Admin A');
  });
  const form = (path: string, body: Record<string, string> = {}) => admin.agent.post(path).type('form').send(body);
  const userRow = (email: string) => ctx.prisma.user.findUnique({ where: { email } });

  test('when an admin opens it, then every account is listed with its email, name, role and status', async () => {
    const res = await admin.agent.get('/admin/users');

    expect(res.status).toBe(200);
    expect(res.text).toContain(`${admin.user.email} <span class="muted">(you)</span>`);
    expect(res.text).toContain(ctx.editorAccount.user.email);
    expect(res.text).toMatch(
      new RegExp(`${ctx.editorAccount.user.email}</th>\\s*<td[^>]*>[^<]+</td>\\s*<td[^>]*>Editor</td>\\s*<td[^>]*>active</td>`),
    );
  });

  test('when an editor tries any of its routes, then 403 each time and nothing is written', async () => {
    const target = await signIn(ctx.app, ctx.prisma, 'editor');
    const before = await ctx.prisma.user.count();
    const editor = ctx.editor;

    const answers = await Promise.all([
      editor.get('/admin/users'),
      editor.post('/admin/users').type('form').send({ email: 'sneaky@example.org', name: 'Sneaky', role: 'admin' }),
      editor.post(`/admin/users/${target.user.id}/role`).type('form').send({ role: 'admin' }),
      editor.post(`/admin/users/${target.user.id}/disable`).type('form').send({}),
      editor.post(`/admin/users/${target.user.id}/enable`).type('form').send({}),
      editor.post(`/admin/users/${target.user.id}/password`).type('form').send({}),
      editor.get(`/admin/users/${target.user.id}/password`),
    ]);

    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(answers[0]!.text).toContain('This needs the admin role.');
    expect(await ctx.prisma.user.count()).toBe(before);
    expect(await userRow(target.user.email)).toMatchObject({ role: 'editor', disabledAt: null });
    expect((await signInThroughForm(ctx.app, target.user.email, target.password)).status).toBe(303);
  });

  test('when an account is created with a first password, then 303 and the new editor signs in with it', async () => {
    const res = await form('/admin/users', {
      email: ' Lina@Example.org ',
      name: 'Lina',
      role: 'editor',
      password: 'lina first passphrase',
    });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=created');
    expect(await userRow('lina@example.org')).toMatchObject({ name: 'Lina', role: 'editor', disabledAt: null });
    expect((await signInThroughForm(ctx.app, 'lina@example.org', 'lina first passphrase')).status).toBe(303);
  });

  test('when the first password is left empty, then a random one is shown once and signs in', async () => {
    const res = await form('/admin/users', { email: 'omar@example.org', name: 'Omar', role: 'admin', password: '' });

    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = res.text.match(/id="new-password">([^<]+)</)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const row = await userRow('omar@example.org');
    expect(row).toMatchObject({ role: 'admin' });
    expect(row!.passwordHash).not.toContain(password!);
    expect((await signInThroughForm(ctx.app, 'omar@example.org', password!)).status).toBe(303);
  });

  test('when the email is already taken or the fields are bad, then 422 beside each field with the input kept', async () => {
    const before = await ctx.prisma.user.count();

    const duplicate = await form('/admin/users', {
      email: admin.user.email.toUpperCase(),
      name: 'Twin',
      role: 'editor',
      password: '',
    });
    const bad = await form('/admin/users', { email: 'not an email', name: '', role: 'owner', password: 'short' });

    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain('id="email-error">An account with this email already exists');
    expect(duplicate.text).toContain('value="Twin"');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="email-error">Enter an email address');
    expect(bad.text).toContain('id="name-error">Give the name shown beside their edits');
    expect(bad.text).toContain('id="role-error">Choose admin or editor');
    expect(bad.text).toContain('id="password-error">A password needs at least 12 characters');
    expect(bad.text).toContain('value="not an email"');
    expect(await ctx.prisma.user.count()).toBe(before);
  });

  test("when an editor is made admin and back, then the account's role follows", async () => {
    const target = await signIn(ctx.app, ctx.prisma, 'editor');

    const promote = await form(`/admin/users/${target.user.id}/role`, { role: 'admin' });
    expect(promote.status).toBe(303);
    expect(await userRow(target.user.email)).toMatchObject({ role: 'admin' });
    await target.agent.get('/admin/users').expect(200);

    await form(`/admin/users/${target.user.id}/role`, { role: 'editor' }).expect(303);
    expect(await userRow(target.user.email)).toMatchObject({ role: 'editor' });
    expect((await form(`/admin/users/${target.user.id}/role`, { role: 'owner' })).status).toBe(422);
  });

  test('when an account is disabled, then its session is signed out, its tokens and password stop working, until enabled', async () => {
    const target = await signIn(ctx.app, ctx.prisma, 'editor');
    await target.agent.get('/account').expect(200);
    // Used first, so that the app remembers the token as checked (userForApiToken): disabling must forget it.
    await request(ctx.app)
      .post('/api/v1/topics')
      .set('authorization', `Bearer ${target.apiToken}`)
      .send({ name: 'Before the lock' })
      .expect(201);

    const res = await form(`/admin/users/${target.user.id}/disable`);

    expect(res.status).toBe(303);
    expect((await userRow(target.user.email))!.disabledAt).not.toBeNull();
    expect((await admin.agent.get('/admin/users')).text).toMatch(
      new RegExp(`${target.user.email}</th>[\\s\\S]*?<td data-label="Status">disabled</td>`),
    );
    const next = await target.agent.get('/account');
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe('/sign-in?next=%2Faccount');
    await request(ctx.app)
      .post('/api/v1/topics')
      .set('authorization', `Bearer ${target.apiToken}`)
      .send({ name: 'Locked out' })
      .expect(401);
    expect(await ctx.prisma.topic.count({ where: { name: 'Locked out' } })).toBe(0);
    expect((await signInThroughForm(ctx.app, target.user.email, target.password)).status).toBe(401);

    await form(`/admin/users/${target.user.id}/enable`).expect(303);
    expect((await userRow(target.user.email))!.disabledAt).toBeNull();
    expect((await signInThroughForm(ctx.app, target.user.email, target.password)).status).toBe(303);
  });

  test('when the last active admin would be demoted or disabled, then 409 says why and nothing changes', async () => {
    const last = await signIn(ctx.app, ctx.prisma, 'admin');
    await ctx.prisma.user.updateMany({ where: { role: 'admin', id: { not: last.user.id } }, data: { disabledAt: new Date() } });
    const post = (path: string, body: Record<string, string> = {}) => last.agent.post(path).type('form').send(body);

    const demote = await post(`/admin/users/${last.user.id}/role`, { role: 'editor' });
    const disable = await post(`/admin/users/${last.user.id}/disable`);

    for (const res of [demote, disable]) {
      expect(res.status).toBe(409);
      expect(res.text).toContain('This is the last active admin: make another account an admin first.');
    }
    expect(await userRow(last.user.email)).toMatchObject({ role: 'admin', disabledAt: null });
    await last.agent.get('/admin/users').expect(200);
    await ctx.prisma.user.updateMany({ where: { role: 'admin' }, data: { disabledAt: null } });
  });

  test('when the account does not exist, then 404', async () => {
    expect((await form('/admin/users/999999/disable')).status).toBe(404);
    expect((await form('/admin/users/abc/enable')).status).toBe(404);
    expect((await form('/admin/users/999999/password')).status).toBe(404);
    expect((await form('/admin/users/1e3/password')).status).toBe(404);
    expect((await admin.agent.get('/admin/users/999999/password')).status).toBe(404);
  });

  describe('resetting a forgotten password', () => {
    test('when an admin resets an editor’s password, then a new one is shown once, the old one stops working, the editor is signed out everywhere, and the new one signs in', async () => {
      const target = await signIn(ctx.app, ctx.prisma, 'editor');
      await target.agent.get('/account').expect(200);
      const before = (await userRow(target.user.email))!.passwordHash;
      // The list links to a page that asks first; opening it changes nothing.
      expect((await admin.agent.get('/admin/users')).text).toContain(`href="/admin/users/${target.user.id}/password"`);
      const confirm = await admin.agent.get(`/admin/users/${target.user.id}/password`);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain(target.user.email);
      expect(confirm.text).toContain(`<form method="post" action="/admin/users/${target.user.id}/password"`);
      expect((await userRow(target.user.email))!.passwordHash).toBe(before);
      await target.agent.get('/account').expect(200);

      const res = await form(`/admin/users/${target.user.id}/password`);

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain(target.user.email);
      const password = res.text.match(/id="new-password">([^<]+)</)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      const after = (await userRow(target.user.email))!.passwordHash;
      expect(after).not.toBe(before);
      expect(after).not.toContain(password!);
      const next = await target.agent.get('/account');
      expect(next.status).toBe(303);
      expect(next.headers.location).toBe('/sign-in?next=%2Faccount');
      expect((await signInThroughForm(ctx.app, target.user.email, target.password)).status).toBe(401);
      expect((await signInThroughForm(ctx.app, target.user.email, password!)).status).toBe(303);
    });

    test('when the account is locked out after failed sign-ins, then the new password signs in at once', async () => {
      const target = await signIn(ctx.app, ctx.prisma, 'editor');
      for (let i = 0; i < 5; i++) expect((await signInThroughForm(ctx.app, target.user.email, `wrong ${i}`)).status).toBe(401);
      expect((await signInThroughForm(ctx.app, target.user.email, target.password)).status).toBe(429);

      const res = await form(`/admin/users/${target.user.id}/password`);
      const password = res.text.match(/id="new-password">([^<]+)</)?.[1];

      expect((await signInThroughForm(ctx.app, target.user.email, password!)).status).toBe(303);
    });

    test('when an admin tries it on their own account, then 409 points to the account page and nothing changes', async () => {
      const before = (await userRow(admin.user.email))!.passwordHash;

      const res = await form(`/admin/users/${admin.user.id}/password`);

      expect(res.status).toBe(409);
      expect(res.text).toContain('Change your own password on your account page, which asks for the current one.');
      expect((await userRow(admin.user.email))!.passwordHash).toBe(before);
      expect((await admin.agent.get('/admin/users')).text).not.toContain(`href="/admin/users/${admin.user.id}/password"`);
      const own = await admin.agent.get(`/admin/users/${admin.user.id}/password`);
      expect(own.status).toBe(303);
      expect(own.headers.location).toBe('/account');
    });

    test('when the form comes without the session’s CSRF token, then 403 and the password is unchanged', async () => {
      const browser = await signInAs(ctx.app, ctx.prisma, 'admin');
      const target = await signIn(ctx.app, ctx.prisma, 'editor');
      const before = (await userRow(target.user.email))!.passwordHash;

      for (const _csrf of [undefined, '', 'forged', ctx.editorAccount.csrf]) {
        const res = await browser.agent
          .post(`/admin/users/${target.user.id}/password`)
          .type('form')
          .send(_csrf === undefined ? {} : { _csrf });
        expect(res.status).toBe(403);
      }
      expect((await userRow(target.user.email))!.passwordHash).toBe(before);
      const ok = await browser.agent.post(`/admin/users/${target.user.id}/password`).type('form').send({ _csrf: browser.csrf });
      expect(ok.status).toBe(200);
    });
  });
});
