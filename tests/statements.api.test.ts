import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { PrismaClient } from '../src/generated/prisma/client';
import { findStatementDetail, listStatementRecords } from '../src/statements/statements.queries';
import { TEXT_MAX, parseNewStatement } from '../src/statements/statements.schema';
import { statementSnapshot } from '../src/revisions/snapshots';
import { createStatement } from '../src/statements/statements.service';
import { ConflictError } from '../src/http/errors';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARABIC, XSS, apiBody, rowCounts } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

const ctx = useTestApp();

const post = (body: unknown) => ctx.editor.post('/api/v1/statements').send(body as object);

describe('POST /api/v1/statements', () => {
  test('when a complete statement is posted, then it is recorded with its position, source and current stance', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { kind: 'government' });
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody(speaker.slug, topic.slug));

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/statements/${res.body.id}`);
    expect(res.body).toMatchObject({
      speaker: { slug: speaker.slug, name: speaker.name, kind: 'government' },
      kind: 'quote',
      text: 'We will not accept any division of the country.',
      language: 'en',
      original_text: null,
      said_on: '2025-08',
      said_on_precision: 'month',
      place: 'Riyadh',
      attribution: 'A ministry spokesman',
      source_unknown: false,
      sources: [
        {
          publisher: 'The Gazette',
          title: 'Reactions to the call',
          url: 'https://example.org/reactions',
          published_on: '2025-08-05',
          archived_url: 'https://web.archive.org/web/2025/https://example.org/reactions',
        },
      ],
      positions: [{ topic: { slug: topic.slug, name: topic.name }, stance: 'opposes', strength: 2 }],
      relations: { outgoing: [], incoming: [] },
    });
    expect(new Date(res.body.created_at).getTime()).not.toBeNaN();
    const stored = await ctx.prisma.statement.findUniqueOrThrow({
      where: { id: res.body.id },
      include: { positions: true, sources: { include: { source: true } } },
    });
    expect(stored).toMatchObject({ speakerId: speaker.id, saidOnPrecision: 'month', sourceUnknown: false });
    expect(stored.positions).toEqual([expect.objectContaining({ topicId: topic.id, stance: 'opposes', strength: 2 })]);
    expect(stored.sources.map((s) => s.source.url)).toEqual(['https://example.org/reactions']);
    const stance = await ctx.prisma.currentStance.findUnique({
      where: { speakerId_topicId: { speakerId: speaker.id, topicId: topic.id } },
    });
    expect(stance).toMatchObject({ statementId: res.body.id, stance: 'opposes', strength: 2 });
  });

  test('when a new speaker and a new topic are named in one body, then both are created and linked', async () => {
    const name = `Ministry of Tests ${Date.now()}`;

    const res = await post(apiBody({ name, kind: 'ministry' }, { name: 'Federal constitution for Syria' }));

    expect(res.status).toBe(201);
    expect(res.body.speaker).toMatchObject({ name, kind: 'ministry' });
    expect(res.body.positions[0].topic).toEqual({
      slug: 'federal-constitution-for-syria',
      name: 'Federal constitution for Syria',
    });
    expect(await ctx.prisma.speaker.count({ where: { name } })).toBe(1);
    expect(await ctx.prisma.topic.count({ where: { name: 'Federal constitution for Syria' } })).toBe(1);
  });

  test('when a new topic name matches an existing topic, then the existing topic is reused', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma, { name: 'Reused topic for the API' });
    const before = await rowCounts(ctx.prisma);

    const res = await post(apiBody(speaker.slug, { name: 'reused TOPIC for the api' }));

    expect(res.status).toBe(201);
    expect(res.body.positions[0].topic.slug).toBe(topic.slug);
    expect((await rowCounts(ctx.prisma)).topics).toBe(before.topics);
  });

  test('when the body is empty, then 422 names every required field and nothing is written', async () => {
    const before = await rowCounts(ctx.prisma);

    const res = await post({});

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['speaker', 'kind', 'text', 'positions']));
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when a new speaker has no kind, then 422 names speaker.kind', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody({ name: 'Kindless speaker' }, topic.slug));

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ 'speaker.kind': 'Choose what kind of speaker this is' });
  });

  test.each(['2025-02-30', 'yesterday', '2025-13', '3000-01-01'])(
    'when said_on is %p, then 422 names said_on and nothing is written',
    async (saidOn) => {
      const speaker = await makeSpeaker(ctx.prisma);
      const topic = await makeTopic(ctx.prisma);
      const before = await rowCounts(ctx.prisma);

      const res = await post(apiBody(speaker.slug, topic.slug, { said_on: saidOn }));

      expect(res.status).toBe(422);
      expect(Object.keys(res.body.error.fields)).toEqual(['said_on']);
      expect(await rowCounts(ctx.prisma)).toEqual(before);
    },
  );

  test.each(['not a url', 'javascript:alert(1)', 'ftp://example.org/file'])(
    'when a source url is %p, then 422 names sources.0.url',
    async (url) => {
      const speaker = await makeSpeaker(ctx.prisma);
      const topic = await makeTopic(ctx.prisma);

      const res = await post(apiBody(speaker.slug, topic.slug, { sources: [{ publisher: 'P', url }] }));

      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual({ 'sources.0.url': 'Enter a full web address starting with http:// or https://' });
    },
  );

  test('when a stance is unknown, then 422 names positions.0.stance', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody(speaker.slug, topic.slug, { positions: [{ topic: topic.slug, stance: 'hates' }] }));

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['positions.0.stance']);
  });

  test('when the text is one character over the limit, then 422 names text; at the limit, then it is recorded', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const over = await post(apiBody(speaker.slug, topic.slug, { text: 'x'.repeat(TEXT_MAX + 1) }));
    const atLimit = await post(apiBody(speaker.slug, topic.slug, { text: 'x'.repeat(TEXT_MAX) }));

    expect(over.status).toBe(422);
    expect(over.body.error.fields.text).toMatch(/too long/);
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.text).toHaveLength(TEXT_MAX);
  });

  test('when there is neither a source nor "source unknown", then 422 names sources', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody(speaker.slug, topic.slug, { sources: [] }));
    const unknown = await post(apiBody(speaker.slug, topic.slug, { sources: [], source_unknown: true }));

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['sources']);
    expect(unknown.status).toBe(201);
    expect(unknown.body).toMatchObject({ source_unknown: true, sources: [] });
  });

  test('when the speaker slug is unknown, then 422 names speaker', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody('no-such-speaker', topic.slug));

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ speaker: 'No speaker with the slug "no-such-speaker"' });
  });

  test('when the speaker and a topic given by slug are both unknown, then 422 names both and nothing is written', async () => {
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await post(
      apiBody('no-such-speaker', topic.slug, {
        positions: [
          { topic: topic.slug, stance: 'supports' },
          { topic: 'no-such-topic', stance: 'opposes' },
        ],
      }),
    );

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({
      speaker: 'No speaker with the slug "no-such-speaker"',
      'positions.1.topic': 'No topic with the slug "no-such-topic"',
    });
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when a topic slug is listed twice, then 422 names the repeat', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const other = await makeTopic(ctx.prisma);

    const res = await post(
      apiBody(speaker.slug, topic.slug, {
        positions: [
          { topic: topic.slug, stance: 'supports' },
          { topic: other.slug, stance: 'opposes' },
          { topic: topic.slug, stance: 'opposes' },
        ],
      }),
    );

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ 'positions.2.topic': 'This topic is already listed above' });
  });

  test('when several topics are given by slug, then each position keeps its own topic, in the order sent', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topics = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];

    const res = await post(
      apiBody(speaker.slug, topics[0]!.slug, {
        positions: [
          { topic: topics[2]!.slug, stance: 'supports' },
          { topic: topics[0]!.slug, stance: 'opposes', strength: 2 },
          { topic: topics[1]!.slug, stance: 'neutral' },
        ],
      }),
    );

    expect(res.status).toBe(201);
    expect(res.body.positions.map((p: { topic: { slug: string }; stance: string }) => [p.topic.slug, p.stance])).toEqual([
      [topics[2]!.slug, 'supports'],
      [topics[0]!.slug, 'opposes'],
      [topics[1]!.slug, 'neutral'],
    ]);
    expect((await ctx.editor.get(`/api/v1/statements/${res.body.id}`)).body).toEqual(res.body);
  });

  test('when the second topic slug is unknown after a new speaker, then the transaction leaves no new speaker behind', async () => {
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await post(
      apiBody({ name: 'Speaker who must not remain', kind: 'person' }, topic.slug, {
        positions: [
          { topic: topic.slug, stance: 'supports' },
          { topic: 'no-such-topic', stance: 'opposes' },
        ],
      }),
    );

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ 'positions.1.topic': 'No topic with the slug "no-such-topic"' });
    expect(await rowCounts(ctx.prisma)).toEqual(before);
    expect(await ctx.prisma.speaker.count({ where: { name: 'Speaker who must not remain' } })).toBe(0);
  });

  test('when the text holds markup, then it is stored and returned exactly as sent', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const res = await post(apiBody(speaker.slug, topic.slug, { text: XSS, place: XSS }));

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ text: XSS, place: XSS });
    expect((await ctx.prisma.statement.findUniqueOrThrow({ where: { id: res.body.id } })).text).toBe(XSS);
  });

  test('when the text is Arabic, then it comes back byte-identical', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const text = `  ${ARABIC}\n`;

    const res = await post(
      apiBody(speaker.slug, topic.slug, { text, language: 'ar', original_text: ARABIC, original_language: 'ar' }),
    );
    const read = await request(ctx.app).get(`/api/v1/statements/${res.body.id}`);

    expect(res.status).toBe(201);
    expect(Buffer.from(read.body.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(read.body).toMatchObject({ language: 'ar', original_text: ARABIC, original_language: 'ar' });
    expect((await ctx.prisma.statement.findUniqueOrThrow({ where: { id: res.body.id } })).text).toBe(text);
  });

  test('when the body is larger than the limit, then 413 answers in JSON and nothing is written', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const before = await rowCounts(ctx.prisma);

    const res = await post(apiBody(speaker.slug, topic.slug, { context: 'x'.repeat(300 * 1024) }));

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when the body is malformed JSON, then 400 answers in JSON', async () => {
    const res = await ctx.editor.post('/api/v1/statements').set('Content-Type', 'application/json').send('{"speaker": ');

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_body');
  });
});

describe('GET /api/v1/statements/:id', () => {
  test('when a statement relates to another, then both show the relation, each from its own side', async () => {
    const caller = await makeSpeaker(ctx.prisma);
    const rejecter = await makeSpeaker(ctx.prisma, { kind: 'government' });
    const topic = await makeTopic(ctx.prisma);
    const call = await makeStatement(ctx.prisma, {
      speaker: caller.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const reply = await makeStatement(ctx.prisma, {
      speaker: rejecter.slug,
      positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      relations: [{ kind: 'rejects', statement_id: call.id }],
    });

    const callJson = await request(ctx.app).get(`/api/v1/statements/${call.id}`);
    const replyJson = await request(ctx.app).get(`/api/v1/statements/${reply.id}`);

    expect(callJson.status).toBe(200);
    expect(callJson.body.relations).toEqual({ outgoing: [], incoming: [{ kind: 'rejects', statement_id: reply.id }] });
    expect(replyJson.body.relations).toEqual({ outgoing: [{ kind: 'rejects', statement_id: call.id }], incoming: [] });
  });

  test('when a statement has no date, then said_on and its precision are null', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: undefined,
      positions: [{ topic: topic.slug, stance: 'mixed' }],
    });

    const res = await request(ctx.app).get(`/api/v1/statements/${id}`);

    expect(res.body).toMatchObject({ said_on: null, said_on_precision: null });
  });

  test.each(['999999', 'abc', '1.5', '99999999999', '0'])('when the id is %p, then 404 answers in JSON', async (id) => {
    const res = await request(ctx.app).get(`/api/v1/statements/${id}`);

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('GET /api/v1/statements', () => {
  async function speakerWithHistory() {
    const speaker = await makeSpeaker(ctx.prisma);
    const [a, b] = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];
    const at = async (said_on: string | undefined, extra: Record<string, unknown>) =>
      (
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on,
          positions: [{ topic: a.slug, stance: 'supports' }],
          ...extra,
        })
      ).id;
    const ids = {
      undated: await at(undefined, {}),
      year: await at('2024', { kind: 'paraphrase' }),
      day: await at('2025-08-04', { positions: [{ topic: b.slug, stance: 'opposes' }] }),
      month: await at('2025-08', {
        kind: 'official_position',
        positions: [
          { topic: a.slug, stance: 'opposes' },
          { topic: b.slug, stance: 'supports' },
        ],
      }),
      later: await at('2025-09-01', {}),
    };
    return { speaker, topics: { a, b }, ids };
  }

  const list = (query: Record<string, string | number>) => request(ctx.app).get('/api/v1/statements').query(query);
  const ids = (res: request.Response) => res.body.data.map((s: { id: number }) => s.id);

  test('when a speaker is filtered, then their statements come newest first, undated last', async () => {
    const { speaker, ids: s } = await speakerWithHistory();

    const res = await list({ speaker: speaker.slug });

    expect(res.status).toBe(200);
    // "August 2025" is stored as its first day, so it sorts after 4 August 2025.
    expect(ids(res)).toEqual([s.later, s.day, s.month, s.year, s.undated]);
    expect(res.body.data[0]).toMatchObject({ speaker: { slug: speaker.slug }, said_on: '2025-09-01' });
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, next_page: null });
  });

  test('when topic, stance and kind are filtered, then only matching statements are listed', async () => {
    const { speaker, topics, ids: s } = await speakerWithHistory();

    const byTopic = await list({ speaker: speaker.slug, topic: topics.b.slug });
    const byTopicStance = await list({ topic: topics.b.slug, stance: 'opposes' });
    const byStance = await list({ speaker: speaker.slug, stance: 'opposes' });
    const byKind = await list({ speaker: speaker.slug, kind: 'paraphrase' });

    expect(ids(byTopic)).toEqual([s.day, s.month]);
    expect(ids(byTopicStance)).toEqual([s.day]);
    expect(ids(byStance)).toEqual([s.day, s.month]);
    expect(ids(byKind)).toEqual([s.year]);
  });

  test('when a limit is given, then pages follow each other without overlap and the last has no next page', async () => {
    const { speaker, ids: s } = await speakerWithHistory();

    const first = await list({ speaker: speaker.slug, limit: 2 });
    const second = await list({ speaker: speaker.slug, limit: 2, page: 2 });
    const third = await list({ speaker: speaker.slug, limit: 2, page: 3 });

    expect(ids(first)).toEqual([s.later, s.day]);
    expect(first.body.pagination).toEqual({ page: 1, limit: 2, next_page: 2 });
    expect(ids(second)).toEqual([s.month, s.year]);
    expect(second.body.pagination.next_page).toBe(3);
    expect(ids(third)).toEqual([s.undated]);
    expect(third.body.pagination.next_page).toBeNull();
  });

  test('when nothing is filtered, then every statement is listed in date order', async () => {
    await speakerWithHistory();

    const res = await list({ limit: 100 });

    expect(res.status).toBe(200);
    // Partial dates sort as their first day; undated ones last; ties newest id first.
    const day = (d: string | null) => (d === null ? '' : `${d}-01-01`.slice(0, 10));
    const rows: { said_on: string | null; id: number }[] = res.body.data;
    const keys = rows.map((r) => ({ day: day(r.said_on), id: r.id }));
    const sorted = [...keys].sort((x, y) => (x.day === y.day ? y.id - x.id : !x.day ? 1 : !y.day ? -1 : x.day < y.day ? 1 : -1));
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.map((k) => k.id)).toEqual(sorted.map((k) => k.id));
  });

  test('when a topic is filtered with other filters and paged past the dated statements, then pages join up newest first, undated last, each once', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const other = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const fitting: number[] = [];
    for (const said_on of ['2023', '2025-02-03', undefined, '2025-02-03', '2024-06', undefined]) {
      const { id } = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on,
        positions: [{ topic: topic.slug, stance: 'opposes' }],
      });
      fitting.push(id);
    }
    // Each misses one filter: another speaker, another stance, another kind.
    await makeStatement(ctx.prisma, { speaker: other.slug, positions: [{ topic: topic.slug, stance: 'opposes' }] });
    await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: [{ topic: topic.slug, stance: 'supports' }] });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      kind: 'paraphrase',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });
    const [y2023, feb1, undated1, feb2, jun2024, undated2] = fitting;
    const query = { topic: topic.slug, speaker: speaker.slug, stance: 'opposes', kind: 'quote', limit: 4 };

    const first = await list(query);
    const second = await list({ ...query, page: 2 });

    expect(ids(first)).toEqual([feb2, feb1, jun2024, y2023]);
    expect(first.body.pagination.next_page).toBe(2);
    expect(ids(second)).toEqual([undated2, undated1]);
    expect(second.body.pagination.next_page).toBeNull();
  });

  test.each([
    [{ stance: 'hates' }, 'stance'],
    [{ kind: 'rumour' }, 'kind'],
    [{ speaker: 'no-such-speaker' }, 'speaker'],
    [{ topic: 'no-such-topic' }, 'topic'],
  ])('when the filter %p is not valid, then 422 names %p', async (query, field) => {
    const res = await list(query);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
  });
});

describe('the number of queries', () => {
  /** Runs `read` on a client that counts the SQL statements it sends. */
  async function countQueries(read: (db: PrismaClient) => Promise<unknown>): Promise<number> {
    const db = new PrismaClient({
      adapter: new PrismaPg({ connectionString: ctx.db.url, max: 1 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    let count = 0;
    db.$on('query', () => count++);
    try {
      await read(db);
      return count;
    } finally {
      await db.$disconnect();
    }
  }

  test('when a page holds ten times more statements, then it costs the same number of queries', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topics = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];
    for (let i = 0; i < 20; i++) {
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        positions: topics.map((t) => ({ topic: t.slug, stance: 'supports' })),
        sources: [{ publisher: 'A' }, { publisher: 'B' }],
      });
    }
    const filters = { speaker: speaker.slug };

    const small = await countQueries((db) => listStatementRecords(db, filters, { page: 1, limit: 2 }));
    const large = await countQueries((db) => listStatementRecords(db, filters, { page: 1, limit: 20 }));

    expect(large).toBe(small);
  });

  test('when a statement has many relations, then its permalink costs the same number of queries as one with one', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const make = async (relations: unknown[] = []) =>
      (
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          positions: [{ topic: topic.slug, stance: 'supports' }],
          relations,
        })
      ).id;
    const targets = [await make(), await make(), await make(), await make()];
    const one = await make([{ kind: 'rejects', statement_id: targets[0] }]);
    const many = await make(targets.map((id) => ({ kind: 'responds_to', statement_id: id })));

    const forOne = await countQueries((db) => findStatementDetail(db, one));
    const forMany = await countQueries((db) => findStatementDetail(db, many));

    expect(forMany).toBe(forOne);
  });
});

describe('POST /api/v1/statements answers with what a read gives', () => {
  // The 201 body and the revision's snapshot are assembled from what the
  // write sends and its lookups read, not read back: they must equal a read
  // of the stored rows.
  test('when a statement has every part (new speaker and topic, two positions, a reused and a new source, relations), then its 201 body equals GET and its revision equals the stored snapshot', async () => {
    const topic = await makeTopic(ctx.prisma);
    const speaker = await makeSpeaker(ctx.prisma);
    const target = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    await ctx.prisma.source.create({
      data: { publisher: 'The Reused Gazette', url: 'https://news.example/reused', title: 'Already stored' },
    });

    const res = await post({
      speaker: { name: 'Assembled Record Council', kind: 'organisation' },
      kind: 'official_position',
      text: 'The council assembles every part of this record at once.',
      language: 'en',
      original_text: 'Le conseil assemble chaque partie.',
      original_language: 'fr',
      said_on: '2025-03',
      place: 'Geneva',
      context: 'A press conference',
      attribution: 'a council spokesperson',
      positions: [
        { topic: { name: 'Records assembled at once' }, stance: 'opposes', strength: 2 },
        { topic: topic.slug, stance: 'mixed' },
      ],
      sources: [
        { publisher: 'A New Wire', url: 'https://news.example/new-wire', published_on: '2025-03-04' },
        { publisher: 'The Reused Gazette', url: 'https://news.example/reused' },
      ],
      relations: [{ kind: 'responds_to', statement_id: target.id }],
    });

    expect(res.status).toBe(201);
    const read = await request(ctx.app).get(`/api/v1/statements/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(res.body).toEqual(read.body);
    expect(res.body.sources.map((s: { url: string }) => s.url)).toEqual([
      'https://news.example/reused',
      'https://news.example/new-wire',
    ]);

    const revision = await ctx.prisma.revision.findFirstOrThrow({
      where: { entity: 'statement', entityId: res.body.id, action: 'create' },
    });
    expect(revision.snapshot).toEqual(await statementSnapshot(ctx.prisma, res.body.id));
  });
});

describe('POST /api/v1/statements by slugs it has used before', () => {
  // The rows of a speaker and topics used by one write are kept for the next
  // write by the same slugs (src/statements/write-refs.ts), which checks them
  // in the statement that writes: whatever changed meanwhile, by the app or
  // by anyone else, the write records the rows as they are then.
  const body = (speaker: string, topic: string, text: string) => ({
    speaker,
    kind: 'quote',
    text,
    language: 'en',
    source_unknown: true,
    positions: [{ topic, stance: 'supports' }],
  });

  test('when the same slugs are used again, then the 201 body equals GET and the revision, under the new id, equals the stored snapshot', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const first = await post(body(speaker.slug, topic.slug, 'The first write reads the rows.'));
    const second = await post(body(speaker.slug, topic.slug, 'A second write uses the rows it kept.'));

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBeGreaterThan(first.body.id);
    for (const res of [first, second]) {
      const read = await request(ctx.app).get(`/api/v1/statements/${res.body.id}`);
      expect(res.body).toEqual(read.body);
      const revision = await ctx.prisma.revision.findFirstOrThrow({
        where: { entity: 'statement', entityId: res.body.id, action: 'create' },
      });
      expect(revision.snapshot).toEqual(await statementSnapshot(ctx.prisma, res.body.id));
      expect((revision.snapshot as { id: number }).id).toBe(res.body.id);
    }
  });

  test('when the speaker and the topic are renamed in the database after a write, then the next write records the new names', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { kind: 'person' });
    const topic = await makeTopic(ctx.prisma);
    expect((await post(body(speaker.slug, topic.slug, 'Said before the renaming.'))).status).toBe(201);
    // As another process, or an edit, would: nothing in this process is told.
    await ctx.prisma.$executeRaw`UPDATE speakers SET name = 'Renamed Speaker', kind = 'organisation' WHERE id = ${speaker.id}`;
    await ctx.prisma.$executeRaw`UPDATE topics SET name = 'Renamed topic' WHERE id = ${topic.id}`;

    const res = await post(body(speaker.slug, topic.slug, 'Said after the renaming.'));

    expect(res.status).toBe(201);
    expect(res.body.speaker).toEqual({ slug: speaker.slug, name: 'Renamed Speaker', kind: 'organisation' });
    expect(res.body.positions[0].topic).toEqual({ slug: topic.slug, name: 'Renamed topic' });
    expect(res.body).toEqual((await request(ctx.app).get(`/api/v1/statements/${res.body.id}`)).body);
    const revision = await ctx.prisma.revision.findFirstOrThrow({
      where: { entity: 'statement', entityId: res.body.id, action: 'create' },
    });
    expect(revision.snapshot).toEqual(await statementSnapshot(ctx.prisma, res.body.id));
  });

  test('when a slug moves to another speaker and topic after a write, then the next write by that slug goes to the new holders', async () => {
    const before = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    expect((await post(body(before.slug, topic.slug, 'Said by the slug’s first holder.'))).status).toBe(201);
    await ctx.prisma.$executeRaw`UPDATE speakers SET slug = slug || '-old' WHERE id = ${before.id}`;
    await ctx.prisma.$executeRaw`UPDATE topics SET slug = slug || '-old' WHERE id = ${topic.id}`;
    const after = await ctx.prisma.speaker.create({ data: { slug: before.slug, name: 'The New Holder', kind: 'person' } });
    const newTopic = await ctx.prisma.topic.create({ data: { slug: topic.slug, name: 'The topic now under that slug' } });

    const res = await post(body(before.slug, topic.slug, 'Said by the slug’s new holder.'));

    expect(res.status).toBe(201);
    const stored = await ctx.prisma.statement.findUniqueOrThrow({ where: { id: res.body.id }, include: { positions: true } });
    expect(stored.speakerId).toBe(after.id);
    expect(stored.positions.map((p) => p.topicId)).toEqual([newTopic.id]);
    expect(res.body.speaker.name).toBe('The New Holder');
  });

  test('when kept slugs list one topic twice, then 422 names the second and nothing is written', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    expect((await post(body(speaker.slug, topic.slug, 'Said once on one topic.'))).status).toBe(201);
    const counts = await rowCounts(ctx.prisma);

    const res = await post({
      ...body(speaker.slug, topic.slug, 'Said twice on one topic.'),
      positions: [
        { topic: topic.slug, stance: 'supports' },
        { topic: topic.slug, stance: 'opposes' },
      ],
    });

    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ 'positions.1.topic': 'This topic is already listed above' });
    expect(await rowCounts(ctx.prisma)).toEqual(counts);
  });

  test('when the speaker is renamed between its lookup and the write, then the write answers 409 and writes nothing', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    // The first query of a write by new slugs is their lookup: the rename lands right after it, as a racing edit would.
    let queries = 0;
    const racing = new Proxy(ctx.prisma, {
      get(target, prop, receiver) {
        if (prop !== '$queryRaw') return Reflect.get(target, prop, receiver) as unknown;
        return async (...args: Parameters<typeof target.$queryRaw>) => {
          const result: unknown = await target.$queryRaw(...args);
          if (++queries === 1) await target.$executeRaw`UPDATE speakers SET name = 'Renamed Meanwhile' WHERE id = ${speaker.id}`;
          return result;
        };
      },
    });
    const counts = await rowCounts(ctx.prisma);

    const write = createStatement(
      racing,
      parseNewStatement(apiBody(speaker.slug, topic.slug, { sources: [], source_unknown: true })),
    );

    await expect(write).rejects.toBeInstanceOf(ConflictError);
    await expect(write).rejects.toMatchObject({ status: 409 });
    expect(queries).toBe(2);
    expect(await rowCounts(ctx.prisma)).toEqual(counts);
  });

  test('when a slug no longer exists after a write, then the next write by it is refused with 422 and writes nothing', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    expect((await post(body(speaker.slug, topic.slug, 'Said before the slug went away.'))).status).toBe(201);
    await ctx.prisma.$executeRaw`UPDATE speakers SET slug = slug || '-gone' WHERE id = ${speaker.id}`;
    const counts = await rowCounts(ctx.prisma);

    const res = await post(body(speaker.slug, topic.slug, 'Said after the slug went away.'));

    expect(res.status).toBe(422);
    expect(res.body.error.fields.speaker).toBe(`No speaker with the slug "${speaker.slug}"`);
    expect(await rowCounts(ctx.prisma)).toEqual(counts);
  });
});
