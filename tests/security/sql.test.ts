import request from 'supertest';
import { makeSpeaker, makeTopic } from '../support/factories';
import { apiBody, formFields, urlencoded } from '../support/statement-fixtures';
import { useTestApp } from '../support/test-app';
import { unique } from './support';

// SQL and LIKE metacharacters as data: stored and read back exactly, found
// by search and filters as themselves (never as wildcards), and the tables
// they name still there afterwards. (NUL is refused: hostile-input.forms.)

const ctx = useTestApp();

const METACHARACTERS = [
  "'; DROP TABLE statements; --",
  "Robert'); DROP TABLE speakers;--",
  '" OR 1=1 --',
  "' OR '1'='1",
  '100% of the _whole_ thing',
  '%',
  '_',
  '\\',
  "\\'; SELECT pg_sleep(5); --",
  '$1 $2 $$ $tag$ :name ?',
  "E'\\x41' || chr(65) /* comment */",
];

describe('metacharacters stored as data', () => {
  test.each(METACHARACTERS)(
    'when %j is a speaker name, topic name and statement text, then each is stored and read back exactly',
    async (value) => {
      const tag = unique();
      const speaker = await ctx.editor
        .post('/api/v1/speakers')
        .send({ name: `${value} ${tag}`, kind: 'person', description: value, aliases: [value], allow_similar_name: true })
        .expect(201);
      const topic = await ctx.editor
        .post('/api/v1/topics')
        .send({ name: `${value} topic ${tag}`, description: value })
        .expect(201);

      const created = await ctx.editor
        .post('/api/v1/statements')
        .send(
          apiBody(speaker.body.slug, topic.body.slug, {
            text: `${value} said ${tag}`,
            context: value,
            place: value,
            attribution: value,
            sources: [{ publisher: value, title: value, url: `https://example.org/?q=${encodeURIComponent(value)}` }],
          }),
        )
        .expect(201);

      const api = await request(ctx.app).get(`/api/v1/statements/${created.body.id}`).expect(200);
      expect(api.body).toMatchObject({ text: `${value} said ${tag}`, context: value, place: value, attribution: value });
      expect(api.body.speaker.name).toBe(`${value} ${tag}`);
      expect(api.body.sources[0]).toMatchObject({ publisher: value, title: value });
      const stored = await ctx.prisma.speaker.findUniqueOrThrow({
        where: { slug: speaker.body.slug },
        include: { aliases: true },
      });
      expect([stored.name, stored.description, stored.aliases.map((a) => a.name)]).toEqual([`${value} ${tag}`, value, [value]]);
      expect((await ctx.prisma.topic.findUniqueOrThrow({ where: { slug: topic.body.slug } })).description).toBe(value);
      // Every table named above is still there and readable.
      const [tables] = await ctx.prisma.$queryRaw<[{ n: bigint }]>`
      SELECT count(*) AS n FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name IN ('statements', 'speakers', 'topics', 'sources')`;
      expect(tables.n).toBe(4n);
      expect(await ctx.prisma.statement.count()).toBeGreaterThan(0);
    },
  );

  test('when the same values are posted through the forms, then the permalink and edit form show them exactly', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    for (const value of METACHARACTERS) {
      const res = await ctx.editor
        .post('/statements/new')
        .type('form')
        .send(urlencoded(formFields(speaker.slug, topic.slug, { text: `${value} ${unique()}`, context: value, place: value })))
        .expect(303);
      const id = Number(res.headers.location!.split('/').pop());
      const row = await ctx.prisma.statement.findUniqueOrThrow({ where: { id } });
      expect([row.context, row.place]).toEqual([value, value]);
    }
  });
});

describe('metacharacters in searches and filters', () => {
  let tag: string;
  beforeAll(async () => {
    tag = unique();
    // Names that a % or _ read as a wildcard would also match.
    for (const name of [`Plain ${tag}`, `Half 50% ${tag}`, `Under_score ${tag}`, `Back\\slash ${tag}`])
      await ctx.editor.post('/api/v1/speakers').send({ name, kind: 'person', allow_similar_name: true }).expect(201);
    for (const name of [`Plain topic ${tag}`, `Topic 50% ${tag}`, `Topic_x ${tag}`])
      await ctx.editor.post('/api/v1/topics').send({ name }).expect(201);
  });

  test.each([
    ['%', [`Half 50% ${'TAG'}`]],
    ['_', [`Under_score TAG`]],
    ['\\', ['Back\\slash TAG']],
    ['50%', ['Half 50% TAG']],
    ["'", []],
  ])('when speakers are filtered by %j, then only names holding it literally are listed', async (q, expected) => {
    const res = await request(ctx.app).get('/api/v1/speakers').query({ q, limit: 100 }).expect(200);

    const names = (res.body.data as { name: string }[]).map((s) => s.name).filter((n) => n.endsWith(tag));
    expect(names.sort()).toEqual(expected.map((e) => e.replace('TAG', tag)).sort());
  });

  test.each([
    ['%', ['Topic 50% TAG']],
    ['_', ['Topic_x TAG']],
  ])('when topics are filtered by %j, then only names holding it literally are listed', async (q, expected) => {
    const res = await request(ctx.app).get('/api/v1/topics').query({ q, limit: 100 }).expect(200);

    const names = (res.body.data as { name: string }[]).map((t) => t.name).filter((n) => n.endsWith(tag));
    expect(names).toEqual(expected.map((e) => e.replace('TAG', tag)));
  });

  test('when a statement names a new speaker "_" and a new topic "%", then they are created, not matched to "X" or any topic', async () => {
    const x = await makeSpeaker(ctx.prisma, { name: 'X' });
    await makeTopic(ctx.prisma, { name: 'Y' });

    const res = await ctx.editor
      .post('/api/v1/statements')
      .send(apiBody({ name: '_', kind: 'person' }, { name: '%' }, { allow_duplicate: true, allow_similar_name: true }))
      .expect(201);

    expect(res.body.speaker.name).toBe('_');
    expect(res.body.speaker.slug).not.toBe(x.slug);
    expect(res.body.positions.map((p: { topic: { name: string } }) => p.topic.name)).toEqual(['%']);
  });

  test.each(METACHARACTERS.filter((v) => /\w/.test(v)))(
    'when %j is searched for, then the statement holding it is found',
    async (value) => {
      const speaker = await makeSpeaker(ctx.prisma);
      const topic = await makeTopic(ctx.prisma);
      const text = `${value} zyxquorum${unique().replace(/\d/g, 'q')}`;
      const { body } = await ctx.editor
        .post('/api/v1/statements')
        .send(apiBody(speaker.slug, topic.slug, { text }))
        .expect(201);

      const found = await request(ctx.app).get('/api/v1/search').query({ q: text, speaker: speaker.slug }).expect(200);
      const page = await request(ctx.app).get('/search').query({ q: text }).expect(200);

      expect(found.body.data.map((d: { id: number; text: string }) => [d.id, d.text])).toEqual([[body.id, text]]);
      expect(page.text).toContain(`/statements/${body.id}`);
    },
  );

  test.each(['%', '_', '\\', "'", '$1', '%%%%', "'))--"])(
    'when the search is %j alone, then it answers without error (the feed: 422 when no word is left)',
    async (q) => {
      const api = await request(ctx.app).get('/api/v1/search').query({ q });
      const page = await request(ctx.app).get('/search').query({ q });
      const feed = await request(ctx.app).get('/search/feed.atom').query({ q });

      expect([api.status, page.status]).toEqual([200, 200]);
      // A query of no words is no search: the feed (which has no empty form to show) says so.
      expect([200, 422]).toContain(feed.status);
    },
  );
});
