import request from 'supertest';
import { createApiToken } from '../../src/auth/api-tokens.service';
import { csrfFrom } from '../support/sign-in';
import { useTestApp } from '../support/test-app';
import { PAGE_WRITES, browserSignIn, makeTargets, postForms, writeState, type Browser } from './support';

// A page that writes must refuse a request that does not carry the session's
// own CSRF token: another site can make a signed-in browser post a form, but
// cannot read the token out of one of our pages.

const ctx = useTestApp();
let admin: Browser;
let adminToken: string;
const REFUSED = 'This form has expired or was not sent from On Record';

beforeAll(async () => {
  admin = await browserSignIn(ctx.app, ctx.prisma, 'admin');
  adminToken = (await createApiToken(ctx.prisma, admin.user.id, 'targets')).token;
});

describe('every page write route', () => {
  test.each(PAGE_WRITES)(
    'when %s is posted by a signed-in admin without the token, with a wrong one or with another session’s, then each answer is 403 and nothing is written; with the session’s own token it goes through',
    async (_route, make) => {
      const [path, form] = make(await makeTargets(ctx.app, ctx.prisma, adminToken));
      const before = await writeState(ctx.prisma);
      const attempts = {
        'no token': () => admin.agent.post(path).type('form').send(form),
        'empty field': () =>
          admin.agent
            .post(path)
            .type('form')
            .send({ ...form, _csrf: '' }),
        'wrong field': () =>
          admin.agent
            .post(path)
            .type('form')
            .send({ ...form, _csrf: `${admin.csrf}x` }),
        'wrong header': () => admin.agent.post(path).type('form').set('x-csrf-token', 'wrong').send(form),
        'another session’s token': () =>
          admin.agent
            .post(path)
            .type('form')
            .send({ ...form, _csrf: ctx.editorAccount.csrf }),
        'token as a list': () =>
          admin.agent
            .post(path)
            .type('form')
            .send(`${new URLSearchParams(form).toString()}&_csrf[]=${encodeURIComponent(admin.csrf)}`),
      };

      const answers: Record<string, number> = {};
      for (const [name, send] of Object.entries(attempts)) {
        const res = await send();
        answers[name] = res.status;
        if (res.status === 403) expect(res.text).toContain(REFUSED);
      }

      expect(answers).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, 403])));
      expect(await writeState(ctx.prisma)).toEqual(before);
      const accepted = await admin.agent
        .post(path)
        .type('form')
        .send({ ...form, _csrf: admin.csrf });
      expect(accepted.status).toBe(303);
      expect(await writeState(ctx.prisma)).not.toEqual(before);
    },
  );
});

describe('signing out and in', () => {
  test('when sign-out is posted without the token, then 403 and the session still works; with it, the session ends', async () => {
    const user = await browserSignIn(ctx.app, ctx.prisma);

    await user.agent.post('/sign-out').type('form').send({}).expect(403);
    await user.agent.post('/sign-out').type('form').send({ _csrf: 'forged' }).expect(403);

    await user.agent.get('/statements/new').expect(200);
    await user.agent.post('/sign-out').type('form').send({ _csrf: user.csrf }).expect(303);
    const after = await user.agent.get('/statements/new').expect(303);
    expect(after.headers.location).toMatch(/^\/sign-in\?next=/);
  });

  test('when another site posts the sign-in form with the attacker’s own credentials but no valid token, then 403 and the visitor is not signed in to that account', async () => {
    const attacker = await browserSignIn(ctx.app, ctx.prisma);
    const victim = request.agent(ctx.app);
    const ownToken = csrfFrom((await victim.get('/sign-in').expect(200)).text);
    const credentials = { email: attacker.user.email, password: attacker.password };

    for (const _csrf of [undefined, '', 'forged', attacker.csrf]) {
      const res = await victim
        .post('/sign-in')
        .type('form')
        .send(_csrf === undefined ? credentials : { ...credentials, _csrf });
      expect(res.status).toBe(403);
      expect(res.text).toContain(REFUSED);
    }
    // No cookie at all: the forged post of a page that never showed the form.
    await request(ctx.app).post('/sign-in').type('form').send(credentials).expect(403);

    await victim.get('/statements/new').expect(303);
    // With the token its own sign-in page gave it, the same form signs in: the refusals were the token's doing.
    await victim
      .post('/sign-in')
      .type('form')
      .send({ ...credentials, _csrf: ownToken })
      .expect(303);
    await victim.get('/statements/new').expect(200);
  });
});

describe('the forms the app renders', () => {
  test('when a signed-in admin opens every form and every page with record actions, then every post form carries the session’s token, and together they cover every write route', async () => {
    const t = await makeTargets(ctx.app, ctx.prisma, adminToken);
    const pages = [
      '/',
      '/statements/new',
      '/speakers/new',
      '/topics/new',
      `/statements/${t.statement}`,
      `/statements/${t.statement}/edit`,
      `/statements/${t.statement}/history`,
      `/speakers/${t.speaker}`,
      `/speakers/${t.speaker}/edit`,
      `/speakers/${t.speaker}/history`,
      `/speakers/${t.mergeFrom}/merge?into=${t.mergeInto}`,
      `/speakers/${t.mergeInto}/history`,
      `/topics/${t.topic}`,
      `/topics/${t.topic}/edit`,
      `/topics/${t.topic}/history`,
      `/speakers/${t.loneSpeaker}`,
      `/topics/${t.loneTopic}`,
      '/admin/trash',
      '/statements/from-article',
    ];

    const actions = new Set<string>();
    const missing: string[] = [];
    for (const page of pages) {
      const res = await admin.agent.get(page).expect(200);
      const forms = postForms(res.text);
      expect(forms.length).toBeGreaterThan(0);
      for (const form of forms) {
        actions.add(form.action);
        if (form.csrf !== admin.csrf) missing.push(`${page}: ${form.action} has _csrf ${String(form.csrf)}`);
      }
    }

    // The review of an article is the answer to a post, not a page of its own.
    const review = await admin.agent
      .post('/statements/from-article/review')
      .type('form')
      .send({ _csrf: admin.csrf, text: 'Mr Able Speaker said “we agree”.', 'source[publisher]': 'Example News' })
      .expect(200);
    for (const form of postForms(review.text)) {
      actions.add(form.action);
      if (form.csrf !== admin.csrf) missing.push(`review: ${form.action} has _csrf ${String(form.csrf)}`);
    }

    expect(missing).toEqual([]);
    const expected = PAGE_WRITES.map(([, make]) => make(t)[0]);
    expect(expected.filter((action) => !actions.has(action))).toEqual([]);
    expect(actions).toContain('/sign-out');
  });

  test('when an anonymous visitor opens the sign-in page, then its form carries a non-empty token', async () => {
    const res = await request(ctx.app).get('/sign-in').expect(200);

    const forms = postForms(res.text);
    expect(forms.map((f) => f.action)).toEqual(['/sign-in']);
    expect(forms[0]!.csrf).toMatch(/^\S{16,}$/);
  });
});
