import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../src/app';
import { signIn, type SignedIn } from './support/sign-in';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const HOSTILE = { script: '<script>alert(1)</script>', attribute: '"><img src=x onerror=alert(2)>' };

describe('editing routes (pages and API)', () => {
  let db: TestDatabase;
  let app: Express;
  let editor: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = createApp({ prisma: db.prisma });
    editor = await signIn(app, db.prisma, 'editor', 'Editor E');
    admin = await signIn(app, db.prisma, 'admin', 'Admin A');
  });
  afterAll(() => db.close());

  async function statement(text = 'Plain words') {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      text,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    return { id, speaker, topic };
  }
  const body = (s: { speaker: { slug: string }; topic: { slug: string } }, text: string, version: number) => ({
    speaker: s.speaker.slug,
    kind: 'quote',
    text,
    source_unknown: true,
    positions: [{ topic: s.topic.slug, stance: 'opposes' }],
    version,
  });

  test('when nobody is signed in, then the API refuses an edit with 401 and the edit page redirects to sign-in', async () => {
    const s = await statement();
    await request(app)
      .put(`/api/v1/statements/${s.id}`)
      .send(body(s, 'x', 1))
      .expect(401);
    const page = await request(app).get(`/statements/${s.id}/edit`).expect(303);
    expect(page.headers.location).toMatch(/^\/sign-in\?next=/);
    expect(await db.prisma.statement.findUnique({ where: { id: s.id } })).toMatchObject({ version: 1 });
  });

  test('when two API saves race from one version, then one answers 200 and the other 409 edit_conflict with the current record', async () => {
    const s = await statement();
    const [a, b] = await Promise.all(
      ['From A', 'From B'].map((text) => editor.agent.put(`/api/v1/statements/${s.id}`).send(body(s, text, 1))),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const lost = a!.status === 409 ? a! : b!;
    expect(lost.body.error).toMatchObject({ code: 'edit_conflict', current: { version: 2 } });
    const history = await request(app).get(`/api/v1/statements/${s.id}/history`).expect(200);
    expect(history.body.data.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    expect(history.body.data[0].actor).toMatchObject({ name: 'Editor E' });
  });

  test('when a page save is stale, then 409 shows both versions side by side with the typed text kept in the form', async () => {
    const s = await statement('Stored text');
    await editor.agent
      .put(`/api/v1/statements/${s.id}`)
      .send(body(s, 'Saved meanwhile', 1))
      .expect(200);

    const res = await editor.agent
      .post(`/statements/${s.id}/edit`)
      .type('form')
      .send({
        version: '1',
        speaker: s.speaker.slug,
        kind: 'quote',
        text: 'My typed words',
        source_unknown: 'on',
        'positions[0][topic]': s.topic.slug,
        'positions[0][stance]': 'mixed',
        'positions[0][strength]': '1',
      })
      .expect(409);

    expect(res.text).toContain('Someone else saved this statement');
    expect(res.text).toContain('Saved meanwhile');
    expect(res.text).toMatch(/<textarea[^>]*name="text"[^>]*>\s*My typed words<\/textarea>/);
    expect(res.text).toContain('name="version" value="2"');
    expect(await db.prisma.statement.findUnique({ where: { id: s.id } })).toMatchObject({ text: 'Saved meanwhile', version: 2 });
  });

  test('when a text holds markup, then the edit page, the history page and its diff show it escaped', async () => {
    const s = await statement('Before');
    await editor.agent
      .put(`/api/v1/statements/${s.id}`)
      .send({ ...body(s, HOSTILE.script, 1), context: HOSTILE.attribute })
      .expect(200);
    await editor.agent
      .put(`/api/v1/speakers/${s.speaker.slug}`)
      .send({ name: HOSTILE.script, kind: 'person', aliases: [HOSTILE.attribute], description: HOSTILE.script, version: 1 })
      .expect(200);

    for (const path of [
      `/statements/${s.id}/edit`,
      `/statements/${s.id}/history`,
      `/speakers/${s.speaker.slug}/history`,
      `/speakers/${s.speaker.slug}/edit`,
    ]) {
      const page = await editor.agent.get(path).expect(200);
      expect(page.text).not.toContain(HOSTILE.script);
      expect(page.text).not.toContain(HOSTILE.attribute);
      expect(page.text).toContain('&lt;script');
    }
  });

  test('when a speaker is merged, then its old address, sub-pages and API answer 301 to the new slug', async () => {
    const old = await makeSpeaker(db.prisma);
    const target = await makeSpeaker(db.prisma);
    await editor.agent.post(`/speakers/${old.slug}/merge`).type('form').send({ into: target.slug }).expect(303);

    for (const [from, to] of [
      [`/speakers/${old.slug}`, `/speakers/${target.slug}`],
      [`/speakers/${old.slug}/history?x=1`, `/speakers/${target.slug}/history?x=1`],
      [`/api/v1/speakers/${old.slug}`, `/api/v1/speakers/${target.slug}`],
    ]) {
      const res = await request(app).get(from!).expect(301);
      expect(res.headers.location).toBe(to);
    }
    const history = await editor.agent.get(`/speakers/${target.slug}/history`).expect(200);
    expect(history.text).toContain('Undo this merge');
  });

  test('when a speaker with statements is deleted from its page, then 409 lists the statements; an editor cannot open the trash but an admin can restore', async () => {
    const s = await statement('To the trash');
    const refused = await editor.agent.post(`/speakers/${s.speaker.slug}/delete`).type('form').send({}).expect(409);
    expect(refused.text).toContain(`/statements/${s.id}`);

    await editor.agent.post(`/statements/${s.id}/delete`).type('form').send({}).expect(303);
    await editor.agent.get('/admin/trash').expect(403);
    const trash = await admin.agent.get('/admin/trash').expect(200);
    expect(trash.text).toContain('To the trash');
    const revision = await db.prisma.revision.findFirst({ where: { entity: 'statement', entityId: s.id, action: 'delete' } });
    await admin.agent.post(`/admin/trash/${revision!.id}/restore`).type('form').send({}).expect(303);
    expect(await db.prisma.statement.findUnique({ where: { id: s.id } })).toMatchObject({ text: 'To the trash' });
  });
});
