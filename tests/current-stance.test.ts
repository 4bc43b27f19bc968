import request from 'supertest';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { derivedState } from './support/derived';
import { useTestApp } from './support/test-app';

describe('current stances', () => {
  const ctx = useTestApp();

  async function currentOf(speakerId: number, topicId: number) {
    return ctx.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId, topicId } } });
  }

  test('when a later statement is recorded before an earlier one, then the current stance follows the date, not the order of entry', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const later = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2025-06',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2024-01-10',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({ statementId: later.id, stance: 'opposes' });
  });

  test('when a statement has no date, then a dated one decides the current stance', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const dated = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2020',
      positions: [{ topic: topic.slug, stance: 'mixed' }],
    });

    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: undefined,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({ statementId: dated.id, stance: 'mixed' });
  });

  test('when many statements by one speaker are recorded at once, then the current stance is the latest dated one', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const days = ['2025-01-01', '2025-03-01', '2025-02-01', '2025-05-01', '2025-04-01'];

    const created = await Promise.all(
      days.map((d, i) =>
        makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: d,
          positions: [{ topic: topic.slug, stance: i % 2 ? 'supports' : 'opposes' }],
        }),
      ),
    );

    expect((await currentOf(speaker.id, topic.id))?.statementId).toBe(created[3]!.id);
  });

  test('when a statement changes speaker or date, then its positions carry the change, and a position cannot be written with other copies', async () => {
    const first = await makeSpeaker(ctx.prisma);
    const second = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: first.slug,
      said_on: '2024-03',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    await ctx.prisma.statement.update({
      where: { id },
      data: { speakerId: second.id, saidOn: new Date('2025-01-02'), saidOnPrecision: 'day' },
    });
    await ctx.prisma.position.updateMany({ where: { statementId: id }, data: { speakerId: first.id, saidOn: null } });

    const [position] = await ctx.prisma.position.findMany({ where: { statementId: id } });
    expect(position).toMatchObject({ speakerId: second.id, saidOn: new Date('2025-01-02') });
  });
});

describe('current stances from a contradictory record', () => {
  const ctx = useTestApp();

  async function say(
    speaker: { slug: string },
    topic: { slug: string },
    said_on: string | undefined,
    stance: string,
    extra = {},
  ) {
    return makeStatement(ctx.prisma, { speaker: speaker.slug, said_on, positions: [{ topic: topic.slug, stance }], ...extra });
  }

  async function currentOf(speakerId: number, topicId: number) {
    return ctx.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId, topicId } } });
  }

  test('when the latest statement and one 30 days before it take opposite sides, then the current stance is unclear and names both statements', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { name: 'Two Minds' });
    const topic = await makeTopic(ctx.prisma, { name: 'Contested question' });
    await say(speaker, topic, '2025-01-01', 'opposes');
    const earlier = await say(speaker, topic, '2025-07-13', 'supports');
    const latest = await say(speaker, topic, '2025-08-12', 'opposes', { kind: 'official_position' });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({
      statementId: latest.id,
      stance: 'unclear',
      strength: 1,
      conflictingStatementId: earlier.id,
    });
    const profile = await request(ctx.app).get(`/speakers/${speaker.slug}`);
    expect(profile.text).toContain('contradictory statements within 30 days');
    expect(hrefs(profile.text)).toEqual(expect.arrayContaining([`/statements/${latest.id}`, `/statements/${earlier.id}`]));
    const topicPage = await request(ctx.app).get(`/topics/${topic.slug}`);
    const unclear = topicPage.text.slice(topicPage.text.indexOf('id="col-unclear"'));
    expect(unclear).toContain('Two Minds');
    expect(unclear).toContain(`<a href="/statements/${earlier.id}">13 July 2025 (#${earlier.id})</a>`);
    const api = await request(ctx.app).get(`/api/v1/speakers/${speaker.slug}`);
    expect(api.body.stances).toEqual([
      expect.objectContaining({ stance: 'unclear', statement_ids: [latest.id], conflicting_statement_id: earlier.id }),
    ]);
    const topicApi = await request(ctx.app).get(`/api/v1/topics/${topic.slug}`);
    expect(topicApi.body.stances).toEqual([
      expect.objectContaining({ stance: 'unclear', statement_id: latest.id, conflicting_statement_id: earlier.id }),
    ]);
  });

  test('when the opposite statement is 31 days before the latest, then the latest wins and the note names only it', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    await say(speaker, topic, '2025-07-12', 'supports');
    const latest = await say(speaker, topic, '2025-08-12', 'opposes', { kind: 'official_position' });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({
      statementId: latest.id,
      stance: 'opposes',
      conflictingStatementId: null,
    });
    const profile = await request(ctx.app).get(`/speakers/${speaker.slug}`);
    expect(profile.text).toContain(`Based on the statement of <a href="/statements/${latest.id}">12 August 2025</a>`);
    expect(hrefs(profile.text)).toContain(`/speakers/${speaker.slug}/topics/${topic.slug}`);
  });

  test('when the latest statement is neutral after an opposite pair, or a later one agrees again, then there is no contradiction to report', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const [a, b] = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];
    await say(speaker, a, '2025-03-01', 'supports');
    await say(speaker, a, '2025-03-05', 'opposes');
    const neutral = await say(speaker, a, '2025-03-09', 'neutral');
    await say(speaker, b, '2025-03-01', 'supports');
    await say(speaker, b, '2025-05-01', 'opposes');
    const settled = await say(speaker, b, '2025-06-15', 'opposes');

    expect(await currentOf(speaker.id, a.id)).toMatchObject({
      statementId: neutral.id,
      stance: 'neutral',
      conflictingStatementId: null,
    });
    expect(await currentOf(speaker.id, b.id)).toMatchObject({
      statementId: settled.id,
      stance: 'opposes',
      conflictingStatementId: null,
    });
  });

  test('when a back-dated statement lands within the window of the latest with the opposite side, then the stance becomes unclear', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const latest = await say(speaker, topic, '2025-10-20', 'supports');
    expect((await currentOf(speaker.id, topic.id))?.stance).toBe('supports');

    const backDated = await say(speaker, topic, '2025-10-02', 'opposes');

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({
      statementId: latest.id,
      stance: 'unclear',
      conflictingStatementId: backDated.id,
    });
  });

  test('when a speaker has no statement on a topic, then no stance is stored and the history says no statement is on record', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    expect(await currentOf(speaker.id, topic.id)).toBeNull();
    const res = await request(ctx.app).get(`/speakers/${speaker.slug}/topics/${topic.slug}`);
    expect(res.text).toContain('No statement on record');
  });
});

describe('stance shifts', () => {
  const ctx = useTestApp();

  test('when statements on the same few days arrive in any order, then the stored shifts are those a rewrite from scratch gives', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const days = ['2025-03-01', '2025-03-02', '2025-03-03'];
    const stances = ['supports', 'opposes', 'neutral', 'supports', 'opposes'] as const;
    // A fixed pseudo-random order: later days before earlier ones, several statements a day.
    let x = 7;
    for (let i = 0; i < 30; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: `Statement ${i} on the record`,
        said_on: days[x % days.length],
        positions: [{ topic: topic.slug, stance: stances[(x >> 8) % stances.length]! }],
      });
    }

    const { stored, recomputed } = await derivedState(ctx.prisma);
    expect(stored.shifts.length).toBeGreaterThan(5);
    expect(stored).toEqual(recomputed);
  });
});
