import request from 'supertest';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARABIC } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

describe('the topics API', () => {
  const ctx = useTestApp();
  beforeEach(() => emptyTables(ctx.prisma));

  describe('GET /api/v1/topics', () => {
    test('when no topic is on record, then the list is empty and has no next page', async () => {
      const res = await request(ctx.app).get('/api/v1/topics');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: [], pagination: { page: 1, limit: 20, next_page: null } });
    });

    test('when topics exist, then each names its parent and the list pages and filters by name', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });
      await makeTopic(ctx.prisma, { name: 'Syria constitution', parentId: syria.id });
      await makeTopic(ctx.prisma, { name: 'Elections' });

      const first = await request(ctx.app).get('/api/v1/topics?q=syria&limit=1');
      const second = await request(ctx.app).get('/api/v1/topics?q=syria&limit=1&page=2');

      expect(first.body).toEqual({
        data: [{ slug: 'syria', name: 'Syria', description: null, parent: null }],
        pagination: { page: 1, limit: 1, next_page: 2 },
      });
      expect(second.body.data).toEqual([
        { slug: 'syria-constitution', name: 'Syria constitution', description: null, parent: 'syria' },
      ]);
      expect(second.body.pagination.next_page).toBeNull();
    });
  });

  describe('GET /api/v1/topics/:slug', () => {
    test('when speakers have spoken on it, then each current stance names the speaker and the statement behind it', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });
      const topic = await makeTopic(ctx.prisma, { name: 'Separate region', parentId: syria.id });
      await makeTopic(ctx.prisma, { name: 'Region borders', parentId: topic.id });
      const shifting = await makeSpeaker(ctx.prisma, { name: 'Shifting', kind: 'person' });
      const silent = await makeSpeaker(ctx.prisma, { name: 'Damascus', kind: 'government' });
      await makeStatement(ctx.prisma, {
        speaker: shifting.slug,
        said_on: '2024-05-01',
        positions: [{ topic: topic.slug, stance: 'supports' }],
      });
      const latest = await makeStatement(ctx.prisma, {
        speaker: shifting.slug,
        said_on: '2025-08-04',
        positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      });
      const noComment = await makeStatement(ctx.prisma, {
        speaker: silent.slug,
        kind: 'no_comment',
        said_on: '2025-08',
        positions: [{ topic: topic.slug, stance: 'unclear' }],
      });

      const res = await request(ctx.app).get('/api/v1/topics/separate-region');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        slug: 'separate-region',
        name: 'Separate region',
        parent: 'syria',
        children: [{ slug: 'region-borders', name: 'Region borders' }],
        pagination: { page: 1, next_page: null },
      });
      expect(res.body.stances).toEqual([
        {
          speaker: { slug: 'shifting', name: 'Shifting', kind: 'person' },
          stance: 'opposes',
          strength: 2,
          said_on: '2025-08-04',
          statement_id: latest.id,
          statement_kind: 'quote',
          conflicting_statement_id: null,
        },
        {
          speaker: { slug: 'damascus', name: 'Damascus', kind: 'government' },
          stance: 'unclear',
          strength: 1,
          said_on: '2025-08',
          statement_id: noComment.id,
          statement_kind: 'no_comment',
          conflicting_statement_id: null,
        },
      ]);
    });

    test('when the slug is unknown, then the answer is a 404 JSON error', async () => {
      const res = await request(ctx.app).get('/api/v1/topics/nothing-here');

      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'not_found' });
    });
  });

  describe('POST /api/v1/topics', () => {
    test('when a topic with a parent is posted, then it is created, with 201 and its Location', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });

      const res = await ctx.editor
        .post('/api/v1/topics')
        .send({ name: 'Civil constitution', description: 'A new one', parent: 'syria' });

      expect(res.status).toBe(201);
      expect(res.headers.location).toBe('/api/v1/topics/civil-constitution');
      expect(res.body).toEqual({
        slug: 'civil-constitution',
        name: 'Civil constitution',
        description: 'A new one',
        parent: 'syria',
        children: [],
        stances: [],
      });
      expect(await ctx.prisma.topic.findUniqueOrThrow({ where: { slug: 'civil-constitution' } })).toMatchObject({
        parentId: syria.id,
      });
    });

    test('when the name is missing, then the answer is 422 naming it and nothing is saved', async () => {
      const res = await ctx.editor.post('/api/v1/topics').send({ description: 'No name' });

      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', fields: { name: 'Topic name is required' } });
      expect(await ctx.prisma.topic.count()).toBe(0);
    });

    test('when the parent is unknown, then the answer is 422 naming parent', async () => {
      const res = await ctx.editor.post('/api/v1/topics').send({ name: 'Orphan', parent: 'nowhere' });

      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual({ parent: 'No topic has the slug or the name "nowhere"' });
      expect(await ctx.prisma.topic.count()).toBe(0);
    });

    test('when the name is Arabic, then it is stored and returned byte for byte', async () => {
      const res = await ctx.editor.post('/api/v1/topics').send({ name: ARABIC });

      expect(res.status).toBe(201);
      expect(res.body.name).toBe(ARABIC);
      const stored = await ctx.prisma.topic.findUniqueOrThrow({ where: { slug: res.body.slug } });
      expect(Buffer.from(stored.name)).toEqual(Buffer.from(ARABIC));
    });
  });
});
