import request from 'supertest';
import { apiBody } from '../support/statement-fixtures';
import { signIn, type SignedIn } from '../support/sign-in';
import { useTestApp } from '../support/test-app';
import { makeTargets, unique, writeState, type Targets } from './support';

// A client that edits what the form or the API would send: fields no form
// has (ids, versions, authors, dates), and ids of revisions that belong to
// another record or are of another kind.

const ctx = useTestApp();
let admin: SignedIn;
let t: Targets;
let other: Targets;

beforeAll(async () => {
  admin = await signIn(ctx.app, ctx.prisma, 'admin');
  [t, other] = [await makeTargets(ctx.app, ctx.prisma, admin.apiToken), await makeTargets(ctx.app, ctx.prisma, admin.apiToken)];
});

describe('fields no form has', () => {
  test('when a new speaker or statement is sent with an id, version, slug, author and dates of its own choosing, then those are ignored', async () => {
    const existing = await ctx.prisma.speaker.findUniqueOrThrow({ where: { slug: t.speaker } });
    const forged = {
      id: existing.id,
      version: 99,
      created_at: '2000-01-01T00:00:00Z',
      createdAt: '2000-01-01T00:00:00Z',
      actor_id: admin.user.id,
      actorId: admin.user.id,
      deleted_at: '2000-01-01T00:00:00Z',
    };

    const speaker = await ctx.editor
      .post('/api/v1/speakers')
      .send({ ...forged, name: `Self-made ${unique()}`, kind: 'person', slug: t.speaker, allow_similar_name: true })
      .expect(201);
    const statement = await ctx.editor
      .post('/api/v1/statements')
      .send({ ...apiBody(t.speaker, t.topic, { text: `Forged ${unique()}` }), ...forged, id: t.statement })
      .expect(201);

    expect(speaker.body.slug).not.toBe(t.speaker);
    const [s, st] = await Promise.all([
      ctx.prisma.speaker.findUniqueOrThrow({ where: { slug: speaker.body.slug } }),
      ctx.prisma.statement.findUniqueOrThrow({ where: { id: statement.body.id } }),
    ]);
    expect([s.id === existing.id, s.version, s.createdAt.getFullYear() > 2000]).toEqual([false, 1, true]);
    expect([st.id === t.statement, st.version, st.createdAt.getFullYear() > 2000]).toEqual([false, 1, true]);
    expect(await ctx.prisma.speaker.findUniqueOrThrow({ where: { id: existing.id } })).toEqual(existing);
    const made = await ctx.prisma.revision.findMany({
      where: {
        OR: [
          { entity: 'speaker', entityId: s.id },
          { entity: 'statement', entityId: st.id },
        ],
      },
      select: { actorId: true },
    });
    expect(made).toEqual([{ actorId: ctx.editorAccount.user.id }, { actorId: ctx.editorAccount.user.id }]);
  });

  test('when an edit names another statement’s id in its body, then only the statement in the address changes', async () => {
    const before = await ctx.prisma.statement.findUniqueOrThrow({ where: { id: other.statement } });

    await ctx.editor
      .put(`/api/v1/statements/${t.statement}`)
      .send({
        ...apiBody(t.speaker, t.topic, { text: 'Only here' }),
        version: 2,
        id: other.statement,
        statement_id: other.statement,
      })
      .expect(200);

    expect(await ctx.prisma.statement.findUniqueOrThrow({ where: { id: other.statement } })).toEqual(before);
    expect((await ctx.prisma.statement.findUniqueOrThrow({ where: { id: t.statement } })).text).toBe('Only here');
  });
});

describe('revision ids that do not fit', () => {
  test('when a revert, unmerge or restore is sent a revision of another record or of the wrong kind, then it is refused (404, or 422 for a merge into itself) and nothing is written', async () => {
    const fresh = await makeTargets(ctx.app, ctx.prisma, admin.apiToken);
    const before = await writeState(ctx.prisma);
    const page = (path: string, form: Record<string, string>) => admin.agent.post(path).type('form').send(form);
    const api = (path: string, body: object) => admin.agent.post(path).send(body);
    const v = { version: '2' };

    const answers: Record<string, request.Response> = {
      'statement ← another statement’s': await page(`/statements/${fresh.statement}/revert`, {
        ...v,
        revision_id: String(other.statementRevision),
      }),
      'statement ← a speaker’s': await api(`/api/v1/statements/${fresh.statement}/revert`, {
        version: 2,
        revision_id: other.speakerRevision,
      }),
      'speaker ← another speaker’s': await page(`/speakers/${fresh.speaker}/revert`, {
        ...v,
        revision_id: String(other.speakerRevision),
      }),
      'speaker ← a topic’s': await api(`/api/v1/speakers/${fresh.speaker}/revert`, {
        version: 2,
        revision_id: fresh.topicRevision,
      }),
      'topic ← another topic’s': await page(`/topics/${fresh.topic}/revert`, { ...v, revision_id: String(other.topicRevision) }),
      'topic ← a statement’s': await api(`/api/v1/topics/${fresh.topic}/revert`, {
        version: 2,
        revision_id: fresh.statementRevision,
      }),
      'unmerge ← not a merge': await page(`/speakers/${fresh.mergeInto}/unmerge`, { revision_id: String(fresh.speakerRevision) }),
      'unmerge ← not a merge (API)': await api(`/api/v1/revisions/${fresh.statementRevision}/unmerge`, {}),
      'restore ← not a delete': await page(`/admin/trash/${fresh.statementRevision}/restore`, {}),
      'restore ← a speaker’s': await api(`/api/v1/trash/${fresh.speakerRevision}/restore`, {}),
      'restore ← no such revision': await api('/api/v1/trash/2147483647/restore', {}),
      'merge ← into itself': await page(`/speakers/${fresh.mergeFrom}/merge`, { into: fresh.mergeFrom }),
      'merge ← into itself (API)': await api(`/api/v1/speakers/${fresh.mergeFrom}/merge`, { into: fresh.mergeFrom }),
    };

    const accepted = Object.entries(answers)
      .filter(([, res]) => ![404, 422].includes(res.status))
      .map(([name, res]) => `${name} → ${res.status}`);
    expect(accepted).toEqual([]);
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});
