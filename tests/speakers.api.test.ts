import request from 'supertest';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARABIC, XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

describe('the speakers API', () => {
  const ctx = useTestApp();
  beforeEach(() => emptyTables(ctx.prisma));

  describe('GET /api/v1/speakers', () => {
    test('when no speaker is on record, then the list is empty and has no next page', async () => {
      const res = await request(ctx.app).get('/api/v1/speakers');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: [], pagination: { page: 1, limit: 20, next_page: null } });
    });

    test('when speakers exist, then each comes with snake_case fields and the list pages by ?limit=&page=', async () => {
      const parent = await ctx.prisma.speaker.create({ data: { slug: 'a-ministry', name: 'A Ministry', kind: 'ministry' } });
      await ctx.prisma.speaker.create({
        data: {
          slug: 'b-spokesman',
          name: 'B Spokesman',
          kind: 'person',
          country: 'Syria',
          description: 'Speaks',
          memberOfId: parent.id,
          aliases: { create: [{ name: 'The spokesman' }] },
        },
      });
      await makeSpeaker(ctx.prisma, { name: 'C Person' });

      const first = await request(ctx.app).get('/api/v1/speakers?limit=2');
      const second = await request(ctx.app).get('/api/v1/speakers?limit=2&page=2');

      expect(first.body.pagination).toEqual({ page: 1, limit: 2, next_page: 2 });
      expect(first.body.data[1]).toEqual({
        slug: 'b-spokesman',
        name: 'B Spokesman',
        kind: 'person',
        description: 'Speaks',
        country: 'Syria',
        aliases: ['The spokesman'],
        member_of: 'a-ministry',
      });
      expect(second.body.data.map((s: { name: string }) => s.name)).toEqual(['C Person']);
      expect(second.body.pagination.next_page).toBeNull();
    });

    test('when filtered by kind and by a name or alias, then only matching speakers come back', async () => {
      await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      await makeSpeaker(ctx.prisma, { name: 'Hikmat Al Hijri', kind: 'person', aliases: ['Sheikh Hikmat'] });

      const byKind = await request(ctx.app).get('/api/v1/speakers?kind=government');
      const byAlias = await request(ctx.app).get('/api/v1/speakers?q=SHEIKH');

      expect(byKind.body.data.map((s: { slug: string }) => s.slug)).toEqual(['saudi-arabia']);
      expect(byAlias.body.data.map((s: { slug: string }) => s.slug)).toEqual(['hikmat-al-hijri']);
    });

    test('when the kind filter is unknown, then the answer is 422 naming the field', async () => {
      const res = await request(ctx.app).get('/api/v1/speakers?kind=king');

      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', fields: { kind: expect.stringContaining('person') } });
    });
  });

  describe('GET /api/v1/speakers/:slug', () => {
    test('when the speaker has spoken, then each current stance names its topic, date as precise as the source and the statement behind it', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      const region = await makeTopic(ctx.prisma, { name: 'Separate region' });
      const constitution = await makeTopic(ctx.prisma, { name: 'Civil constitution' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024',
        positions: [{ topic: region.slug, stance: 'supports' }],
      });
      const latest = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2025-08',
        positions: [{ topic: region.slug, stance: 'opposes', strength: 2 }],
      });
      const undated = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: undefined,
        positions: [{ topic: constitution.slug, stance: 'mixed' }],
      });

      const res = await request(ctx.app).get('/api/v1/speakers/saudi-arabia');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        slug: 'saudi-arabia',
        name: 'Saudi Arabia',
        kind: 'government',
        member_of: null,
        aliases: [],
      });
      expect(res.body.stances).toEqual([
        {
          topic: { slug: 'civil-constitution', name: 'Civil constitution' },
          stance: 'mixed',
          strength: 1,
          since: null,
          statement_ids: [undated.id],
          conflicting_statement_id: null,
        },
        {
          topic: { slug: 'separate-region', name: 'Separate region' },
          stance: 'opposes',
          strength: 2,
          since: '2025-08',
          statement_ids: [latest.id],
          conflicting_statement_id: null,
        },
      ]);
    });

    test('when a stance has held over several statements, then since is the first of them and statement_ids lists them newest first', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Steady Ministry', kind: 'government' });
      const topic = await makeTopic(ctx.prisma, { name: 'Steady topic' });
      const say = (said_on: string | undefined, stance: string) =>
        makeStatement(ctx.prisma, { speaker: speaker.slug, said_on, positions: [{ topic: topic.slug, stance }] });
      await say('2022-01-10', 'supports');
      const first = await say('2023-05', 'opposes');
      const second = await say('2024', 'opposes');
      await say(undefined, 'opposes'); // undated: sorts after every dated statement, so outside the run
      const latest = await say('2025-08-04', 'opposes');

      const res = await request(ctx.app).get(`/api/v1/speakers/${speaker.slug}`);

      expect(res.body.stances).toEqual([
        expect.objectContaining({ stance: 'opposes', since: '2023-05', statement_ids: [latest.id, second.id, first.id] }),
      ]);
    });

    test('when the slug is unknown, then the answer is a 404 JSON error', async () => {
      const res = await request(ctx.app).get('/api/v1/speakers/nobody');

      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('nobody') });
    });
  });

  describe('POST /api/v1/speakers', () => {
    test('when a complete speaker is posted, then it is created, with 201 and its Location', async () => {
      await makeSpeaker(ctx.prisma, { name: 'Foreign Ministry', kind: 'government' });

      const res = await ctx.editor.post('/api/v1/speakers').send({
        name: 'Jane Doe',
        kind: 'person',
        country: 'Ruritania',
        aliases: ['J. Doe', 'J. Doe', ''],
        member_of: 'foreign-ministry',
      });

      expect(res.status).toBe(201);
      expect(res.headers.location).toBe('/api/v1/speakers/jane-doe');
      expect(res.body).toMatchObject({
        slug: 'jane-doe',
        name: 'Jane Doe',
        aliases: ['J. Doe'],
        member_of: 'foreign-ministry',
        stances: [],
      });
      const row = await ctx.prisma.speaker.findUniqueOrThrow({
        where: { slug: 'jane-doe' },
        include: { memberOf: true, aliases: true },
      });
      expect(row.memberOf?.slug).toBe('foreign-ministry');
      expect(row.aliases.map((a) => a.name)).toEqual(['J. Doe']);
    });

    test('when the name is missing and the kind unknown, then the answer is 422 naming both fields and nothing is saved', async () => {
      const res = await ctx.editor.post('/api/v1/speakers').send({ kind: 'king' });

      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual({ name: 'Speaker name is required', kind: 'Choose what kind of speaker this is' });
      expect(await ctx.prisma.speaker.count()).toBe(0);
    });

    test('when the parent is unknown, then the answer is 422 naming member_of', async () => {
      const res = await ctx.editor.post('/api/v1/speakers').send({ name: 'Orphan', kind: 'person', member_of: 'nowhere' });

      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual({ member_of: 'No speaker with the slug "nowhere"' });
      expect(await ctx.prisma.speaker.count()).toBe(0);
    });

    test('when the name is Arabic or holds markup, then it is stored and returned exactly as sent', async () => {
      const arabic = await ctx.editor.post('/api/v1/speakers').send({ name: ARABIC, kind: 'organisation' });
      const markup = await ctx.editor.post('/api/v1/speakers').send({ name: XSS, kind: 'person' });

      expect(arabic.status).toBe(201);
      expect(arabic.body.name).toBe(ARABIC);
      expect(arabic.headers.location).toBe(`/api/v1/speakers/${encodeURIComponent(arabic.body.slug)}`);
      const stored = await ctx.prisma.speaker.findUniqueOrThrow({ where: { slug: arabic.body.slug } });
      expect(Buffer.from(stored.name)).toEqual(Buffer.from(ARABIC));
      expect(markup.body.name).toBe(XSS);
      expect(markup.headers['content-type']).toMatch(/application\/json/);
      const fetched = await request(ctx.app).get(arabic.headers.location!);
      expect(fetched.body.name).toBe(ARABIC);
    });
  });
});
