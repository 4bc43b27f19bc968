import request from 'supertest';
import { bucketize } from '../src/history/stance-chart';
import { refreshCurrentStances } from '../src/statements/current-stance';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

type Stance = 'supports' | 'opposes' | 'neutral' | 'mixed' | 'unclear';

describe('stance history', () => {
  const ctx = useTestApp();
  beforeEach(() => emptyTables(ctx.prisma));

  async function pair() {
    return { speaker: await makeSpeaker(ctx.prisma), topic: await makeTopic(ctx.prisma) };
  }

  function say(speaker: { slug: string }, topic: { slug: string }, said_on: string | undefined, stance: Stance, extra = {}) {
    return makeStatement(ctx.prisma, { speaker: speaker.slug, said_on, positions: [{ topic: topic.slug, stance }], ...extra });
  }

  async function shiftsOf(speakerId: number, topicId: number) {
    return ctx.prisma.stanceShift.findMany({
      where: { speakerId, topicId },
      select: { statementId: true, previousStatementId: true, fromStance: true, toStance: true, saidOn: true },
      orderBy: [{ saidOn: 'asc' }, { statementId: 'asc' }],
    });
  }

  /** The statement ids of the page's timeline (or of another list of entries), in page order. */
  const entryIds = (html: string) =>
    [...html.matchAll(/<li class="history-entry[^"]*" id="statement-(\d+)"/g)].map((m) => Number(m[1]));
  const shiftIds = (html: string) =>
    [...html.matchAll(/<li class="history-entry history-shift" id="statement-(\d+)"/g)].map((m) => Number(m[1]));
  const section = (html: string, id: string) => {
    const start = html.indexOf(`id="${id}"`);
    if (start < 0) throw new Error(`No ${id} on the page`);
    return html.slice(start, html.indexOf('</section>', start));
  };

  describe('shift detection', () => {
    test('when a speaker turns from supporting to opposing, then one shift is recorded at the opposing statement', async () => {
      const { speaker, topic } = await pair();
      const first = await say(speaker, topic, '2024-01-10', 'supports');
      const second = await say(speaker, topic, '2024-06-02', 'opposes');

      expect(await shiftsOf(speaker.id, topic.id)).toEqual([
        {
          statementId: second.id,
          previousStatementId: first.id,
          fromStance: 'supports',
          toStance: 'opposes',
          saidOn: new Date('2024-06-02'),
        },
      ]);
    });

    test('when neutral and mixed statements come between supporting and opposing, then there is one shift, at the opposing one, from the supporting one', async () => {
      const { speaker, topic } = await pair();
      const supports = await say(speaker, topic, '2023-01-01', 'supports');
      await say(speaker, topic, '2023-03-01', 'neutral');
      await say(speaker, topic, '2023-04-01', 'mixed');
      const opposes = await say(speaker, topic, '2023-05-01', 'opposes');
      await say(speaker, topic, '2023-06-01', 'opposes');

      const shifts = await shiftsOf(speaker.id, topic.id);

      expect(shifts.map((s) => [s.statementId, s.previousStatementId])).toEqual([[opposes.id, supports.id]]);
    });

    test('when a statement is recorded back-dated between two that agree, then it creates two shifts', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, '2024-01-01', 'supports');
      const december = await say(speaker, topic, '2024-12-01', 'supports');
      expect(await shiftsOf(speaker.id, topic.id)).toEqual([]);

      const june = await say(speaker, topic, '2024-06-01', 'opposes');

      const shifts = await shiftsOf(speaker.id, topic.id);
      expect(shifts.map((s) => [s.statementId, s.fromStance, s.toStance])).toEqual([
        [june.id, 'supports', 'opposes'],
        [december.id, 'opposes', 'supports'],
      ]);
    });

    test('when a statement is recorded back-dated before a shift, then the shift moves to it and the later one is no longer a shift', async () => {
      const { speaker, topic } = await pair();
      const january = await say(speaker, topic, '2024-01-01', 'supports');
      const december = await say(speaker, topic, '2024-12-01', 'opposes');
      expect((await shiftsOf(speaker.id, topic.id)).map((s) => s.statementId)).toEqual([december.id]);

      const june = await say(speaker, topic, '2024-06', 'opposes');

      expect(await shiftsOf(speaker.id, topic.id)).toEqual([
        expect.objectContaining({ statementId: june.id, previousStatementId: january.id, saidOn: new Date('2024-06-01') }),
      ]);
    });

    test('when two statements share a date, then the one recorded later comes after, and the shift is at it', async () => {
      const { speaker, topic } = await pair();
      const morning = await say(speaker, topic, '2025-03-03', 'supports');
      const evening = await say(speaker, topic, '2025-03-03', 'opposes');

      expect((await shiftsOf(speaker.id, topic.id)).map((s) => [s.statementId, s.previousStatementId])).toEqual([
        [evening.id, morning.id],
      ]);
    });

    test('when undated statements and no comments disagree with the dated record, then they make no shift', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, '2022', 'supports');
      await say(speaker, topic, undefined, 'opposes');
      await say(speaker, topic, '2022-06-01', 'opposes', { kind: 'no_comment', text: 'Declined to comment' });
      await say(speaker, topic, '2023', 'supports');

      expect(await shiftsOf(speaker.id, topic.id)).toEqual([]);
    });

    test('when statements arrive in any order of dates, then the shifts kept from each write equal the shifts of the whole record recomputed', async () => {
      const { speaker, topic } = await pair();
      const record: [string, Stance][] = [
        ['2024-05-01', 'supports'],
        ['2023-01-01', 'opposes'],
        ['2024-05-01', 'opposes'],
        ['2023-06', 'neutral'],
        ['2025', 'supports'],
        ['2023-02-14', 'supports'],
        ['2024-12-31', 'opposes'],
        ['2022', 'opposes'],
        ['2024-05-01', 'supports'],
      ];
      for (const [day, stance] of record) await say(speaker, topic, day, stance);
      const kept = await shiftsOf(speaker.id, topic.id);

      await ctx.prisma.$transaction((tx) => refreshCurrentStances(tx, speaker.id, [topic.id]));

      expect(kept.length).toBeGreaterThan(3);
      expect(await shiftsOf(speaker.id, topic.id)).toEqual(kept);
      const ordered = await ctx.prisma.position.findMany({
        where: { speakerId: speaker.id, topicId: topic.id, stance: { in: ['supports', 'opposes'] } },
        orderBy: [{ saidOn: 'asc' }, { statementId: 'asc' }],
      });
      const expected = ordered.flatMap((p, i) =>
        i > 0 && ordered[i - 1]!.stance !== p.stance ? [[p.statementId, ordered[i - 1]!.statementId]] : [],
      );
      expect(kept.map((k) => [k.statementId, k.previousStatementId])).toEqual(expected);
    });

    test('when a statement takes positions on two topics, then each topic has its own shifts', async () => {
      const speaker = await makeSpeaker(ctx.prisma);
      const [a, b] = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024-01-01',
        positions: [
          { topic: a.slug, stance: 'supports' },
          { topic: b.slug, stance: 'opposes' },
        ],
      });
      const both = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024-05-01',
        positions: [
          { topic: a.slug, stance: 'opposes' },
          { topic: b.slug, stance: 'opposes' },
        ],
      });

      expect((await shiftsOf(speaker.id, a.id)).map((s) => s.statementId)).toEqual([both.id]);
      expect(await shiftsOf(speaker.id, b.id)).toEqual([]);
    });
  });

  describe('GET /speakers/:slug/topics/:topic', () => {
    test('when a speaker changed stance, then the timeline lists every position oldest first with its quote and sources, marks the shift, and puts the current stance on top', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Timeline Speaker' });
      const topic = await makeTopic(ctx.prisma, { name: 'Timeline topic' });
      const late = await say(speaker, topic, '2025-08-12', 'opposes', {
        text: 'We reject it now',
        sources: [
          { publisher: 'Daily One', url: 'https://example.org/one', published_on: '2025-08-13' },
          { publisher: 'Weekly Two', url: 'https://example.org/two' },
        ],
      });
      const early = await say(speaker, topic, '2024-05', 'supports', { text: 'We welcome it', kind: 'paraphrase' });
      const undated = await say(speaker, topic, undefined, 'mixed', { text: 'Some said it was complicated' });

      const res = await request(ctx.app).get(`/speakers/${speaker.slug}/topics/${topic.slug}`);

      expect(res.status).toBe(200);
      const current = section(res.text, 'current-heading');
      expect(current).toContain('stance-opposes');
      expect(current).toContain('Based on the statement of <a href="/statements/' + late.id + '">12 August 2025</a>');
      expect(hrefs(current)).not.toContain(`/speakers/${speaker.slug}/topics/${topic.slug}`);
      const timeline = section(res.text, 'timeline');
      expect(entryIds(timeline)).toEqual([early.id, late.id]);
      expect(shiftIds(timeline)).toEqual([late.id]);
      expect(timeline).toContain('<strong>Shift:</strong> from supports');
      expect(timeline).toContain('We welcome it');
      expect(timeline).toContain('Paraphrase (reported speech)');
      expect(timeline).toContain('<time datetime="2024-05">May 2024</time>');
      expect(timeline).toContain('Daily One');
      expect(timeline).toContain('Weekly Two');
      expect(timeline).not.toContain('Some said it was complicated');
      const undatedList = section(res.text, 'undated');
      expect(undatedList).toContain('Date not given');
      expect(entryIds(undatedList)).toEqual([undated.id]);
      expect(res.text.indexOf('id="current-heading"')).toBeLessThan(res.text.indexOf('id="timeline"'));
    });

    test('when the record is longer than a page, then the timeline is paged, 50 to a page, oldest first, with links between pages', async () => {
      const { speaker, topic } = await pair();
      const ids: number[] = [];
      for (let i = 0; i < 53; i++) {
        const day = new Date(Date.UTC(2020, 0, 1 + i * 3)).toISOString().slice(0, 10);
        ids.push((await say(speaker, topic, day, i % 10 < 5 ? 'supports' : 'opposes')).id);
      }
      const path = `/speakers/${speaker.slug}/topics/${topic.slug}`;

      const first = await request(ctx.app).get(path);
      const second = await request(ctx.app).get(`${path}?page=2`);
      const beyond = await request(ctx.app).get(`${path}?page=9`);

      expect(entryIds(first.text)).toEqual(ids.slice(0, 50));
      expect(hrefs(first.text)).toContain(`${path}?page=2#timeline`);
      expect(first.text).toContain('Jump to the latest statements');
      expect(entryIds(second.text)).toEqual(ids.slice(50));
      expect(hrefs(second.text)).toContain(`${path}#timeline`);
      expect(shiftIds(second.text)).toEqual([ids[50]]);
      expect(beyond.status).toBe(200);
      expect(beyond.text).toContain('There is no page 9.');
    });

    test('when the speaker has said nothing on the topic, then the page says no statement is on record rather than guessing a stance', async () => {
      const { speaker, topic } = await pair();

      const res = await request(ctx.app).get(`/speakers/${speaker.slug}/topics/${topic.slug}`);

      expect(res.status).toBe(200);
      expect(res.text).toContain('No statement on record');
      expect(res.text).not.toContain('class="stance stance-');
      expect(res.text).not.toContain('id="timeline"');
    });

    test('when the speaker or the topic is unknown, then the page and the API answer 404', async () => {
      const { speaker, topic } = await pair();

      const noSpeaker = await request(ctx.app).get(`/speakers/nobody-here/topics/${topic.slug}`);
      const noTopic = await request(ctx.app).get(`/speakers/${speaker.slug}/topics/no-such-topic`);
      const api = await request(ctx.app).get(`/api/v1/speakers/${speaker.slug}/topics/no-such-topic/history`);

      expect(noSpeaker.status).toBe(404);
      expect(noSpeaker.text).toContain('No speaker with the slug &quot;nobody-here&quot; is on record');
      expect(noTopic.status).toBe(404);
      expect(api.status).toBe(404);
      expect(api.body.error.code).toBe('not_found');
    });

    test('when the address or its query is malformed, then the page and the API answer 200, 400 or 404, never a 500', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, '2024-01-01', 'supports');
      const slugs = ['%', '%E0%A4%A', '%ED%A0%80', '__proto__', 'x'.repeat(5000), '%F0%9F%99%82'];
      const queries = [
        'page=abc',
        'page=-1',
        'page=0',
        'page=99999999999',
        'page[]=1&page[]=2',
        'page[a]=1',
        'limit=0',
        'limit=1e9',
        'page=%',
      ];
      const addresses = [
        ...slugs.flatMap((x) => [`/speakers/${x}/topics/${topic.slug}`, `/speakers/${speaker.slug}/topics/${x}`]),
        ...queries.map((q) => `/speakers/${speaker.slug}/topics/${topic.slug}?${q}`),
      ];
      const problems: string[] = [];
      for (const path of addresses) {
        for (const url of [
          path,
          path.replace(/^\/speakers\/([^/]*)\/topics\/([^?]*)/, '/api/v1/speakers/$1/topics/$2/history'),
        ]) {
          const res = await request(ctx.app).get(url);
          if (![200, 400, 404].includes(res.status)) problems.push(`${url.slice(0, 80)} → ${res.status}`);
          if (url.startsWith('/api/') && res.status !== 200 && !res.body?.error?.code)
            problems.push(`${url.slice(0, 80)} → no JSON error`);
        }
      }

      expect(problems).toEqual([]);
    });

    test('when a quote holds markup, then the timeline shows it as text', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, '2024-01-01', 'supports', { text: XSS });

      const res = await request(ctx.app).get(`/speakers/${speaker.slug}/topics/${topic.slug}`);

      expect(res.text).not.toContain(XSS);
    });
  });

  describe('GET /api/v1/speakers/:slug/topics/:topic/history', () => {
    test('when asked, then it answers the timeline oldest first with shifts, the current stance and the undated positions', async () => {
      const { speaker, topic } = await pair();
      const a = await say(speaker, topic, '2024-02', 'supports');
      const b = await say(speaker, topic, '2024-09-01', 'opposes', { sources: [], source_unknown: true });
      const u = await say(speaker, topic, undefined, 'neutral');

      const res = await request(ctx.app).get(`/api/v1/speakers/${speaker.slug}/topics/${topic.slug}/history?limit=1&page=2`);

      expect(res.status).toBe(200);
      expect(res.body.current).toEqual({
        stance: 'opposes',
        strength: 1,
        said_on: '2024-09-01',
        statement_id: b.id,
        conflicting_statement_id: null,
      });
      expect(res.body.counts).toEqual({ dated: 2, undated: 1, shifts: 1 });
      expect(res.body.data).toEqual([
        expect.objectContaining({
          statement_id: b.id,
          said_on: '2024-09-01',
          stance: 'opposes',
          shift: { from: 'supports', to: 'opposes', previous_statement_id: a.id },
          sources: [],
        }),
      ]);
      expect(res.body.pagination).toEqual({ page: 2, limit: 1, next_page: null });
      expect(res.body.undated.map((e: { statement_id: number }) => e.statement_id)).toEqual([u.id]);
    });
  });

  describe('recent shifts', () => {
    test('when stances shifted, then the home page lists the latest first with speaker, from and to, date, and links to the statement and the history', async () => {
      const { speaker, topic } = await pair();
      const other = await makeSpeaker(ctx.prisma, { name: 'Earlier Shifter' });
      await say(speaker, topic, '2025-01-01', 'supports');
      const shift = await say(speaker, topic, '2025-07-04', 'opposes');
      await say(other, topic, '2023-01-01', 'opposes');
      const older = await say(other, topic, '2023-02-01', 'supports');

      const res = await request(ctx.app).get('/');

      const list = section(res.text, 'home-shifts-heading');
      const links = hrefs(list);
      expect(links).toContain(`/statements/${shift.id}`);
      expect(links).toContain(`/speakers/${speaker.slug}/topics/${topic.slug}`);
      expect(links).toContain(`/statements/${older.id}`);
      expect(links.indexOf(`/statements/${shift.id}`)).toBeLessThan(links.indexOf(`/statements/${older.id}`));
      expect(list).toContain(
        '<span class="stance stance-supports">Supports</span> → <span class="stance stance-opposes">Opposes</span>',
      );
      expect(list).toContain('<time datetime="2025-07-04">4 July 2025</time>');
    });

    test('when no stance has shifted, then the home page says so', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, '2025-01-01', 'supports');

      const res = await request(ctx.app).get('/');

      expect(section(res.text, 'home-shifts-heading')).toContain('No speaker’s stance has shifted');
    });

    test('when shifts happened on several topics, then a topic page lists only its own', async () => {
      const { speaker, topic } = await pair();
      const elsewhere = await makeTopic(ctx.prisma);
      await say(speaker, topic, '2025-01-01', 'opposes');
      const here = await say(speaker, topic, '2025-02-01', 'supports');
      await say(speaker, elsewhere, '2025-01-01', 'opposes');
      const there = await say(speaker, elsewhere, '2025-03-01', 'supports');

      const res = await request(ctx.app).get(`/topics/${topic.slug}`);

      const list = section(res.text, 'stance-history');
      expect(hrefs(list)).toContain(`/statements/${here.id}`);
      expect(hrefs(list)).not.toContain(`/statements/${there.id}`);
    });
  });

  describe('GET /api/v1/shifts', () => {
    test('when asked, then it answers the latest shifts first, everywhere or on one topic, paged, and 404 for an unknown topic', async () => {
      const { speaker, topic } = await pair();
      const elsewhere = await makeTopic(ctx.prisma);
      const first = await say(speaker, topic, '2024-01-01', 'supports');
      const here = await say(speaker, topic, '2024-02-01', 'opposes');
      await say(speaker, elsewhere, '2024-01-01', 'opposes');
      const there = await say(speaker, elsewhere, '2024-03-01', 'supports');

      const all = await request(ctx.app).get('/api/v1/shifts');
      const second = await request(ctx.app).get('/api/v1/shifts?limit=1&page=2');
      const onTopic = await request(ctx.app).get(`/api/v1/shifts?topic=${topic.slug}`);
      const unknown = await request(ctx.app).get('/api/v1/shifts?topic=no-such-topic');

      expect(all.body.data.map((s: { statement_id: number }) => s.statement_id)).toEqual([there.id, here.id]);
      expect(second.body).toEqual({
        data: [
          {
            speaker: { slug: speaker.slug, name: speaker.name },
            topic: { slug: topic.slug, name: topic.name },
            from: 'supports',
            to: 'opposes',
            said_on: '2024-02-01',
            statement_id: here.id,
            previous_statement_id: first.id,
          },
        ],
        pagination: { page: 2, limit: 1, next_page: null },
      });
      expect(onTopic.body.data.map((s: { statement_id: number }) => s.statement_id)).toEqual([here.id]);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
    });
  });

  describe('the chart on the topic page', () => {
    test('when a topic has dated positions, then the SVG stacks their counts per month by stance, with a title, a legend and the numbers as a table', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Charted topic' });
      const [s1, s2, s3] = [await makeSpeaker(ctx.prisma), await makeSpeaker(ctx.prisma), await makeSpeaker(ctx.prisma)];
      await say(s1, topic, '2024-01-05', 'supports');
      await say(s2, topic, '2024-01-20', 'supports');
      await say(s3, topic, '2024-01', 'opposes');
      await say(s1, topic, '2024-03-09', 'mixed');
      await say(s2, topic, undefined, 'opposes');

      const res = await request(ctx.app).get(`/topics/${topic.slug}`);

      const chart = section(res.text, 'stance-history');
      expect(chart).toContain('<svg viewBox="0 0 480 230" width="100%" role="img"');
      expect(chart).toContain('<title id="stance-chart-title">Stances on Charted topic per month</title>');
      const bar = (period: string) => {
        const start = chart.indexOf(`<g class="chart-bar" data-period="${period}"`);
        const g = chart.slice(start, chart.indexOf('</g>', start));
        return Object.fromEntries([...g.matchAll(/data-stance="(\w+)" data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
      };
      expect(bar('2024-01')).toEqual({ supports: 2, opposes: 1 });
      expect(bar('2024-02')).toEqual({});
      expect(bar('2024-03')).toEqual({ mixed: 1 });
      expect(chart).toContain('data-total="4"');
      expect(chart).toContain(
        '4 dated positions on Charted topic from Jan 2024 to Mar 2024: 2 supports, 1 opposes, 0 neutral, 1 mixed, 0 unclear.',
      );
      expect(chart).toContain(
        '<tr data-period="2024-01"><th scope="row">Jan 2024</th><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>',
      );
      expect(chart).toContain('class="chart-legend"');
    });

    test('when a statement moves to another date, then the monthly counts follow it', async () => {
      const { speaker, topic } = await pair();
      const moved = await say(speaker, topic, '2024-01-05', 'supports');

      await ctx.prisma.statement.update({
        where: { id: moved.id },
        data: { saidOn: new Date('2024-04-01'), saidOnPrecision: 'day' },
      });

      const rows = await ctx.prisma.topicStanceMonth.findMany({ where: { topicId: topic.id, positions: { gt: 0 } } });
      expect(rows.map((r) => [r.month.toISOString().slice(0, 7), r.stance, r.positions])).toEqual([['2024-04', 'supports', 1]]);
    });

    test('when a topic has no dated position, then the page says so instead of drawing an empty chart', async () => {
      const { speaker, topic } = await pair();
      await say(speaker, topic, undefined, 'supports');

      const res = await request(ctx.app).get(`/topics/${topic.slug}`);

      expect(section(res.text, 'stance-history')).toContain('No dated statement on this topic is on record yet.');
      expect(res.text).not.toContain('<svg');
    });

    test('when the positions span more than three years, then they are counted per year, empty years included', () => {
      const at = (iso: string, stance: Stance, positions: number) => ({ month: new Date(iso), stance, positions });

      const { granularity, buckets } = bucketize([
        at('2019-03-01', 'supports', 2),
        at('2019-11-01', 'supports', 1),
        at('2022-05-01', 'opposes', 4),
      ]);

      expect(granularity).toBe('year');
      expect(buckets.map((b) => [b.label, b.counts.supports, b.counts.opposes])).toEqual([
        ['2019', 3, 0],
        ['2020', 0, 0],
        ['2021', 0, 0],
        ['2022', 0, 4],
      ]);
    });
  });
});
