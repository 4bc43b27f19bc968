import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { countingApp } from './support/query-counter';
import { useTestApp } from './support/test-app';

const asText = (res: request.Response, done: (e: Error | null, body: string) => void) => {
  let body = '';
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
};

// Requests in one test share a host name: supertest listens on a new port each
// time, and the host is part of the cache's key (feeds write absolute links).
const HOST = 'on-record.test';

describe('the page cache', () => {
  // Its key is the database snapshot, which every transaction in the cluster
  // moves: on a cluster of its own, no other test file's writes get in the way.
  const ctx = useTestApp({ embedded: true });
  beforeEach(() => emptyTables(ctx.prisma));

  async function record(words: string) {
    const topic = await makeTopic(ctx.prisma, { name: `Topic ${words}` });
    const speaker = await makeSpeaker(ctx.prisma, { name: `Speaker ${words}` });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: words,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    return { topic, speaker };
  }

  test('when a page is asked for twice with nothing written between, then the second answer is the same and costs one query', async () => {
    const { topic } = await record('First words on record.');
    const counter = countingApp(ctx.db.url, { pageCacheMb: 8 });
    try {
      const first = await counter.get(`/topics/${topic.slug}`);
      const second = await counter.get(`/topics/${topic.slug}`);

      expect(first.queries).toBeGreaterThan(3);
      expect(second.queries).toBe(1); // the snapshot, nothing else
      expect(second.text).toBe(first.text);
      expect(second.contentType).toBe(first.contentType);
    } finally {
      await counter.close();
    }
  });

  test('when another process writes between two requests, then the second answer shows the write', async () => {
    const { topic, speaker } = await record('First words on record.');
    const app = createApp({ prisma: ctx.prisma });
    const before = await request(app).get(`/topics/${topic.slug}`).set('Host', HOST).expect(200);
    expect(before.text).not.toContain('Words written elsewhere');

    // A plain pg connection, as another app process would be: nothing in this process hears of it.
    const other = new Client({ connectionString: ctx.db.url });
    await other.connect();
    try {
      await other.query(`UPDATE statements SET text = 'Words written elsewhere.' WHERE speaker_id = $1`, [speaker.id]);
    } finally {
      await other.end();
    }

    const after = await request(app).get(`/topics/${topic.slug}`).set('Host', HOST).expect(200);
    expect(after.text).toContain('Words written elsewhere.');
  });

  test('when a statement is added through the app, then the lists and pages that show it are fresh at once', async () => {
    const { topic, speaker } = await record('First words on record.');
    const app = createApp({ prisma: ctx.prisma });
    for (const url of [`/topics/${topic.slug}`, `/speakers/${speaker.slug}`, '/', '/api/v1/statements', '/search?q=thoughts']) {
      await request(app).get(url).set('Host', HOST).expect(200);
    }

    await request(app)
      .post('/api/v1/statements')
      .set('authorization', `Bearer ${ctx.editorAccount.apiToken}`)
      .send({
        speaker: speaker.slug,
        kind: 'quote',
        text: 'Second thoughts, recorded.',
        source_unknown: true,
        positions: [{ topic: topic.slug, stance: 'opposes' }],
      })
      .expect(201);

    for (const url of [`/topics/${topic.slug}`, `/speakers/${speaker.slug}`, '/', '/api/v1/statements', '/search?q=thoughts']) {
      const res = await request(app).get(url).set('Host', HOST).expect(200);
      expect([url, res.text.includes('recorded.')]).toEqual([url, true]);
    }
  });

  test('when a page is missing and then created, then the 404 was not kept', async () => {
    const app = createApp({ prisma: ctx.prisma });
    await request(app).get('/speakers/late-comer').set('Host', HOST).expect(404);
    await makeSpeaker(ctx.prisma, { name: 'Late Comer' });
    await request(app).get('/speakers/late-comer').set('Host', HOST).expect(200);
  });

  test('when the same feed is asked for under two host names, then each gets its own absolute links', async () => {
    const { speaker } = await record('Words for a feed.');
    const app = createApp({ prisma: ctx.prisma });
    const feed = async (host: string) =>
      (await request(app).get(`/speakers/${speaker.slug}/feed.atom`).set('Host', host).buffer(true).parse(asText)).body as string;
    const a = await feed('one.example');
    const b = await feed('two.example');

    expect(a).toContain('http://one.example/');
    expect(b).toContain('http://two.example/');
    expect(b).not.toContain('one.example');
  });
});
