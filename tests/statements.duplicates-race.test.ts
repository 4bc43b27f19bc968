import { Client } from 'pg';
import { useTestApp } from './support/test-app';

// The duplicate check runs under the speaker's lock, so a statement written
// while a POST waits for the lock is compared too. These tests hold the speaker's lock
// from another connection while a POST waits for it, write meanwhile, and
// check that the POST sees what was written. They need several connections at
// once, so they run on a PostgreSQL server (DATABASE_URL), as CI does.
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

// Both ways a POST is written: with a topic given by name, in a transaction
// (the topic may have to be created first); with every reference a slug, as
// one statement on its own.
const writes = [
  { write: 'in a transaction', speaker: 'Crossing Authority', topic: { name: 'Border crossings' } },
  { write: 'as one statement', speaker: 'Bridge Authority', topic: 'river-bridges' },
];

onServer.each(writes)('POST /api/v1/statements, duplicates written while it waits for the speaker ($write)', (write) => {
  const ctx = useTestApp();
  const WORDS = 'The southern crossing stays open to every convoy carrying flour and medicine this winter';
  const slug = write.speaker.toLowerCase().replace(' ', '-');
  let speakerId: number;
  let oldId: number;

  beforeAll(async () => {
    const speaker = await ctx.editor.post('/api/v1/speakers').send({ name: write.speaker, kind: 'organisation' });
    expect(speaker.status).toBe(201);
    if (typeof write.topic === 'string')
      expect((await ctx.editor.post('/api/v1/topics').send({ name: 'River bridges' })).status).toBe(201);
    speakerId = (await ctx.prisma.speaker.findUniqueOrThrow({ where: { slug } })).id;
    const old = await ctx.editor
      .post('/api/v1/statements')
      .send(body('An older statement about fishing rights on the lake shore.'));
    expect(old.status).toBe(201);
    oldId = old.body.id;
  });

  function body(text: string) {
    return {
      speaker: slug,
      kind: 'quote',
      text,
      said_on: '2025-09',
      source_unknown: true,
      positions: [{ topic: write.topic, stance: 'supports' }],
    };
  }

  /** Holds the speaker's lock, sends the POST, waits until it queues on the lock, runs `meanwhile`, then lets it go. */
  async function postWhileLocked(text: string, meanwhile: (c: Client) => Promise<unknown>) {
    const holder = new Client({ connectionString: ctx.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(7301, $1::int)', [speakerId]);
      const pending = ctx.editor
        .post('/api/v1/statements')
        .send(body(text))
        .then((r) => r);
      await waitForLockWaiter(holder);
      await meanwhile(holder);
      await holder.query('COMMIT');
      return await pending;
    } finally {
      await holder.end();
    }
  }

  async function waitForLockWaiter(c: Client) {
    for (let i = 0; i < 200; i++) {
      const { rows } = await c.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 7301 AND objid = $1 AND NOT granted`,
        [speakerId],
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('The POST never waited for the speaker lock');
  }

  test('when a nearly identical statement is recorded while the POST waits for the speaker, then the POST answers 409 naming it', async () => {
    let insertedId = 0;

    const res = await postWhileLocked(`${WORDS}.`, async (c) => {
      const { rows } = await c.query(
        `INSERT INTO statements (speaker_id, kind, text, language, source_unknown) VALUES ($1, 'quote', $2, 'en', true) RETURNING id`,
        [speakerId, `${WORDS}, officials said.`],
      );
      insertedId = rows[0].id;
    });

    expect(res.status).toBe(409);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'duplicate_statement', existing_id: insertedId }));
    expect(await ctx.prisma.statement.count({ where: { text: `${WORDS}.` } })).toBe(0);
  });

  test('when a statement the first check compared is rewritten to nearly the same words meanwhile, then the POST answers 409 naming it', async () => {
    const text = 'Night deliveries across the river bridge will resume once the engineers certify the repaired span';

    const res = await postWhileLocked(text, (c) =>
      c.query('UPDATE statements SET text = $1 WHERE id = $2', [`${text}, the authority said`, oldId]),
    );

    expect(res.status).toBe(409);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'duplicate_statement', existing_id: oldId }));
  });

  test('when nothing like it is written meanwhile, then the POST is saved (201) once the lock is free', async () => {
    const text = 'A ferry service for the northern villages will start in the spring, weather permitting';

    const res = await postWhileLocked(text, (c) => c.query('SELECT 1'));

    expect(res.status).toBe(201);
    expect(await ctx.prisma.statement.count({ where: { text } })).toBe(1);
  });

  test('when nearly identical statements are posted at once without allow_duplicate, then exactly one is saved and the others answer 409', async () => {
    const texts = [0, 1, 2, 3].map(
      (i) => `Every checkpoint on the coastal road reopens at dawn for trucks and buses, notice ${i}`,
    );

    const responses = await Promise.all(texts.map((t) => ctx.editor.post('/api/v1/statements').send(body(t))));

    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await ctx.prisma.statement.count({ where: { text: { in: texts } } })).toBe(1);
  });
});
