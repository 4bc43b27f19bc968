import request from 'supertest';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { ARABIC, XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';
import { topicStatements } from '../src/topics/topics.queries';
import { topicComparison } from '../src/topics/topics.comparison';

/** The HTML of one comparison column: from its section to the section's end. */
function column(html: string, key: 'supports' | 'opposes' | 'neutral-mixed' | 'unclear'): string {
  const start = html.indexOf(`id="col-${key}"`);
  if (start < 0) throw new Error(`No column ${key} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

const everyStatement = (html: string) => html.slice(html.indexOf('id="statements"'));

describe('the topic pages', () => {
  const ctx = useTestApp();
  beforeEach(() => emptyTables(ctx.prisma));

  describe('GET /topics', () => {
    test('when no topic is on record, then the page says so and links to the form', async () => {
      const res = await request(ctx.app).get('/topics');

      expect(res.status).toBe(200);
      expect(res.text).toContain('No topics are on record yet');
      expect(res.text).toContain('href="/topics/new"');
    });

    test('when topics exist, then each is listed with its parent', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });
      await makeTopic(ctx.prisma, { name: 'Civil constitution', parentId: syria.id });

      const res = await request(ctx.app).get('/topics');

      expect(res.text).toContain('<a class="entity-name" href="/topics/civil-constitution">Civil constitution</a>');
      expect(res.text).toContain('in <a href="/topics/syria">Syria</a>');
    });

    test('when there are more topics than a page holds, then page 2 holds the rest and the filter stays in the links', async () => {
      await ctx.prisma.topic.createMany({
        data: Array.from({ length: 21 }, (_, i) => ({ slug: `t-${i}`, name: `Water ${String(i).padStart(2, '0')}` })),
      });
      await makeTopic(ctx.prisma, { name: 'Elections' });

      const first = await request(ctx.app).get('/topics?q=water');
      const second = await request(ctx.app).get('/topics?q=water&page=2');

      expect(first.text).not.toContain('Elections');
      expect(hrefs(first.text)).toContain('/topics?q=water&page=2');
      expect(first.text).not.toContain('Water 20');
      expect(second.text).toContain('Water 20');
      expect(second.text).not.toContain('Water 19');
    });

    test('when the filter matches nothing, then the page says so', async () => {
      await makeTopic(ctx.prisma, { name: 'Elections' });

      const res = await request(ctx.app).get('/topics?q=zzz');

      expect(res.status).toBe(200);
      expect(res.text).toContain('No topic matches “zzz”');
    });
  });

  describe('GET /topics/:slug, the comparison', () => {
    test('when a speaker supported in 2024 and opposed in 2025, then they stand under Opposes only', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Separate region' });
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Shifting Speaker' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2025-08',
        text: 'Now we reject it',
        positions: [{ topic: topic.slug, stance: 'opposes' }],
      });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024-02-01',
        text: 'We welcome it',
        positions: [{ topic: topic.slug, stance: 'supports' }],
      });

      const res = await request(ctx.app).get('/topics/separate-region');

      expect(res.status).toBe(200);
      expect(column(res.text, 'opposes')).toContain('Shifting Speaker');
      expect(column(res.text, 'opposes')).toContain('Now we reject it');
      expect(column(res.text, 'supports')).not.toContain('Shifting Speaker');
      expect(column(res.text, 'supports')).toContain('No one.');
      const all = everyStatement(res.text);
      expect(all.indexOf('We welcome it')).toBeLessThan(all.indexOf('Now we reject it'));
      const current = await ctx.prisma.currentStance.findFirstOrThrow({ where: { topicId: topic.id } });
      expect(current.stance).toBe('opposes');
    });

    test('when speakers hold each stance, then each column lists its own with badge, quote, date and first source', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Separate region' });
      const add = async (name: string, stance: string, extra: Record<string, unknown> = {}) => {
        const speaker = await makeSpeaker(ctx.prisma, { name, kind: 'government' });
        return makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: '2025-08',
          positions: [{ topic: topic.slug, stance, ...extra }],
        });
      };
      await add('Backer', 'supports');
      const strong = await add('Rejecter', 'opposes', { strength: 2 });
      await add('Fence Sitter', 'neutral');
      await add('Both Ways', 'mixed');
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Silent Capital' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        kind: 'no_comment',
        text: 'There was no immediate reaction.',
        said_on: '2025-08',
        sources: [{ publisher: 'Wire Agency', url: 'https://example.org/wire' }],
        positions: [{ topic: topic.slug, stance: 'unclear' }],
      });

      const res = await request(ctx.app).get('/topics/separate-region');

      expect(column(res.text, 'supports')).toContain('Backer');
      expect(column(res.text, 'opposes')).toContain('<span class="stance stance-opposes stance-strong">Strongly opposes</span>');
      expect(column(res.text, 'opposes')).toContain(`href="/statements/${strong.id}"`);
      expect(column(res.text, 'neutral-mixed')).toContain('Fence Sitter');
      expect(column(res.text, 'neutral-mixed')).toContain('Both Ways');
      const unclear = column(res.text, 'unclear');
      expect(unclear).toContain('Silent Capital');
      expect(unclear).toContain('No comment</span>');
      expect(unclear).toContain('There was no immediate reaction.');
      expect(unclear).toContain('<time datetime="2025-08">August 2025</time>');
      expect(unclear).toContain('<a href="https://example.org/wire" rel="noopener nofollow">Wire Agency</a>');
    });

    test('when a quote is in Arabic, then it carries its language and right-to-left direction', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Separate region' });
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Arabic Speaker' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: ARABIC,
        language: 'ar',
        positions: [{ topic: topic.slug, stance: 'supports' }],
      });

      const res = await request(ctx.app).get('/topics/separate-region');

      expect(column(res.text, 'supports')).toContain(`<blockquote class="kind-quote" lang="ar" dir="rtl">${ARABIC}</blockquote>`);
    });

    test('when a column holds more than 25 speakers, then a "more" link pages within that column only', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Popular idea' });
      for (let day = 1; day <= 26; day++) {
        const speaker = await makeSpeaker(ctx.prisma, { name: `Supporter ${day}` });
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: `2025-01-${String(day).padStart(2, '0')}`,
          positions: [{ topic: topic.slug, stance: 'supports' }],
        });
      }
      const opponent = await makeSpeaker(ctx.prisma, { name: 'Lone Opponent' });
      await makeStatement(ctx.prisma, { speaker: opponent.slug, positions: [{ topic: topic.slug, stance: 'opposes' }] });

      const first = await request(ctx.app).get('/topics/popular-idea');
      const more = await request(ctx.app).get('/topics/popular-idea?column=supports&page=2');

      expect(hrefs(column(first.text, 'supports'))).toContain('/topics/popular-idea?column=supports&page=2#col-supports');
      expect(column(first.text, 'supports')).toContain('Supporter 26<');
      expect(column(first.text, 'supports')).not.toContain('Supporter 1<');
      expect(hrefs(column(first.text, 'opposes')).some((h) => h.includes('column='))).toBe(false);
      expect(more.status).toBe(200);
      expect(column(more.text, 'supports')).toContain('Supporter 1<');
      expect(column(more.text, 'supports')).not.toContain('Supporter 2<');
      expect(column(more.text, 'opposes')).toContain('Lone Opponent');
    });

    test('when a topic has more than 20 statements, then they run oldest first, undated last, over pages', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Long debate' });
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Debater' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: undefined,
        text: 'Undated remark.',
        positions: [{ topic: topic.slug, stance: 'mixed' }],
      });
      for (let day = 20; day >= 1; day--) {
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: `2024-05-${String(day).padStart(2, '0')}`,
          text: `Remark of day ${day}.`,
          positions: [{ topic: topic.slug, stance: 'supports' }],
        });
      }

      const first = await request(ctx.app).get('/topics/long-debate');
      const second = await request(ctx.app).get('/topics/long-debate?page=2');

      const list = everyStatement(first.text);
      expect(list.indexOf('Remark of day 1.')).toBeLessThan(list.indexOf('Remark of day 2.'));
      expect(list).toContain('Remark of day 20.');
      expect(list).not.toContain('Undated remark.');
      expect(hrefs(first.text)).toContain('/topics/long-debate?page=2#statements');
      expect(everyStatement(second.text)).toContain('Undated remark.');
      expect(everyStatement(second.text)).not.toContain('Remark of day 20.');
    });

    test('when a topic has dated and undated statements over two pages, then they come oldest first and undated last, page after page', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Walked topic' });
      const other = await makeTopic(ctx.prisma, { name: 'Other topic' });
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Walker' });
      for (const said_on of [undefined, '2025-02', '2023', undefined, '2024-06-01', '2025-02']) {
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on,
          positions: [{ topic: topic.slug, stance: 'supports' }],
        });
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on,
          positions: [{ topic: other.slug, stance: 'supports' }],
        });
      }
      const ids = (page: { items: { id: number }[] }) => page.items.map((s) => s.id);

      const walked = await topicStatements(ctx.prisma, topic.id, { page: 1, limit: 4 });
      const walkedPage2 = await topicStatements(ctx.prisma, topic.id, { page: 2, limit: 4 });

      expect(walked.hasNext).toBe(true);
      expect(walkedPage2.hasNext).toBe(false);
      const all = await ctx.prisma.statement.findMany({
        where: { positions: { some: { topicId: topic.id } } },
        orderBy: [{ saidOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        select: { id: true },
      });
      expect([...ids(walked), ...ids(walkedPage2)]).toEqual(all.map((s) => s.id));
    });

    test('when no one has a stance yet, then the page says so, with the breadcrumb and the narrower topics', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });
      const sweida = await makeTopic(ctx.prisma, { name: 'Sweida', parentId: syria.id });
      await makeTopic(ctx.prisma, { name: 'Sweida security', parentId: sweida.id });

      const res = await request(ctx.app).get('/topics/sweida');

      expect(res.status).toBe(200);
      expect(res.text).toContain('No one is on record with a stance on this topic yet.');
      expect(res.text).toContain('Nothing said on this topic is on record yet.');
      expect(res.text).toMatch(/<a href="\/topics">Topics<\/a> › <a href="\/topics\/syria">Syria<\/a> ›/);
      expect(res.text).toContain('<a href="/topics/sweida-security">Sweida security</a>');
    });

    test('when the slug is unknown, then the not-found page answers with 404', async () => {
      const res = await request(ctx.app).get('/topics/no-such-topic');

      expect(res.status).toBe(404);
      expect(res.text).toContain('No topic with the slug &quot;no-such-topic&quot; is on record');
    });
  });

  describe('a column of two stances, paged', () => {
    test('when neutral and mixed speakers alternate in date, then each page of the column holds the next most recent, whatever their stance', async () => {
      const topic = await makeTopic(ctx.prisma, { name: 'Fence sitting' });
      const expected: string[] = [];
      for (let day = 1; day <= 7; day++) {
        const speaker = await makeSpeaker(ctx.prisma, { name: `Sitter ${day}` });
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: `2025-03-0${day}`,
          positions: [{ topic: topic.slug, stance: day % 2 ? 'neutral' : 'mixed' }],
        });
        expected.unshift(speaker.slug); // newest first
      }
      const slugsOn = async (page: number) => {
        const columns = await topicComparison(ctx.prisma, topic.id, { column: 'neutral-mixed', page }, 3);
        const entries = columns.find((c) => c.key === 'neutral-mixed')!.entries;
        return { slugs: entries.items.map((e) => e.speaker.slug), hasNext: entries.hasNext };
      };

      expect(await slugsOn(1)).toEqual({ slugs: expected.slice(0, 3), hasNext: true });
      expect(await slugsOn(2)).toEqual({ slugs: expected.slice(3, 6), hasNext: true });
      expect(await slugsOn(3)).toEqual({ slugs: expected.slice(6), hasNext: false });
    });
  });

  describe('the topic form', () => {
    test('when the form is opened, then every field has a label', async () => {
      const res = await ctx.editor.get('/topics/new');

      expect(res.status).toBe(200);
      for (const field of ['name', 'description', 'parent']) expect(res.text).toContain(`<label for="${field}">`);
    });

    test('when the form is opened from a topic page, then that topic is filled in as the parent', async () => {
      await makeTopic(ctx.prisma, { name: 'Syria' });

      const topicPage = await request(ctx.app).get('/topics/syria');
      const form = await ctx.editor.get('/topics/new?parent=syria');

      expect(hrefs(topicPage.text)).toContain('/topics/new?parent=syria');
      expect(form.text).toMatch(/id="parent" name="parent" value="syria"/);
      expect(form.text).toContain('<option value="syria">Syria</option>');
    });

    test('when a topic with a parent is posted, then it is saved and the browser is sent to its page', async () => {
      const syria = await makeTopic(ctx.prisma, { name: 'Syria' });

      const res = await ctx.editor
        .post('/topics/new')
        .type('form')
        .send({ name: 'Civil constitution for Syria', description: 'Whether Syria gets one.', parent: 'syria' });

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/topics/civil-constitution-for-syria');
      const row = await ctx.prisma.topic.findUniqueOrThrow({ where: { slug: 'civil-constitution-for-syria' } });
      expect(row).toMatchObject({
        name: 'Civil constitution for Syria',
        description: 'Whether Syria gets one.',
        parentId: syria.id,
      });
      const page = await request(ctx.app).get(res.headers.location!);
      expect(page.text).toContain('<h1>Civil constitution for Syria</h1>');
    });

    test('when the parent is given by its name rather than its slug, then the topic goes under it', async () => {
      const sweida = await makeTopic(ctx.prisma, { name: 'Sweida province' });

      const res = await ctx.editor
        .post('/topics/new')
        .type('form')
        .send({ name: 'Sweida water supply', parent: 'sweida PROVINCE' });

      expect(res.status).toBe(303);
      const row = await ctx.prisma.topic.findUniqueOrThrow({ where: { slug: 'sweida-water-supply' } });
      expect(row.parentId).toBe(sweida.id);
    });

    test('when the name is missing, then the form comes back with 422, the message beside the name and the input kept', async () => {
      const res = await ctx.editor.post('/topics/new').type('form').send({ name: '', description: 'Kept text' });

      expect(res.status).toBe(422);
      expect(res.text).toContain('<p class="field-error" id="name-error">Topic name is required</p>');
      expect(res.text).toContain('>Kept text</textarea>');
      expect(await ctx.prisma.topic.count()).toBe(0);
    });

    test('when the parent slug is unknown, then the message stands beside the parent field and nothing is saved', async () => {
      const res = await ctx.editor.post('/topics/new').type('form').send({ name: 'Orphan topic', parent: 'nowhere' });

      expect(res.status).toBe(422);
      expect(res.text).toContain(
        '<p class="field-error" id="parent-error">No topic has the slug or the name &quot;nowhere&quot;</p>',
      );
      expect(res.text).toContain('value="Orphan topic"');
      expect(await ctx.prisma.topic.count()).toBe(0);
    });

    test('when a name holds markup, then it is shown escaped, never as markup', async () => {
      const res = await ctx.editor.post('/topics/new').type('form').send({ name: XSS });

      expect(res.status).toBe(303);
      expect(await ctx.prisma.topic.count({ where: { name: XSS } })).toBe(1);
      for (const url of [res.headers.location!, '/topics']) {
        const page = await request(ctx.app).get(url);
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(page.text).not.toContain(XSS);
      }
    });

    test('when the name is in Arabic, then it is stored byte for byte', async () => {
      const res = await ctx.editor.post('/topics/new').type('form').send({ name: ARABIC });

      expect(res.status).toBe(303);
      const row = await ctx.prisma.topic.findFirstOrThrow();
      expect(Buffer.from(row.name)).toEqual(Buffer.from(ARABIC));
      const page = await request(ctx.app).get(res.headers.location!);
      expect(page.text).toContain(`<h1>${ARABIC}</h1>`);
    });
  });
});
