import request from 'supertest';
import { emptyTables } from './support/empty-tables';
import { hrefs } from './support/html';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARABIC, XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

describe('the speaker pages', () => {
  const ctx = useTestApp();
  beforeEach(() => emptyTables(ctx.prisma));

  describe('GET /speakers', () => {
    test('when no speaker is on record, then the page says so and links to the form', async () => {
      const res = await request(ctx.app).get('/speakers');

      expect(res.status).toBe(200);
      expect(res.text).toContain('No speakers are on record yet');
      expect(res.text).toContain('href="/speakers/new"');
    });

    test('when speakers exist, then each is listed by name with its kind, country and parent', async () => {
      const ministry = await ctx.prisma.speaker.create({
        data: { slug: 'ministry-x', name: 'Ministry X', kind: 'ministry', country: 'Ruritania' },
      });
      await ctx.prisma.speaker.create({
        data: { slug: 'spokesman-y', name: 'Spokesman Y', kind: 'person', memberOfId: ministry.id },
      });

      const res = await request(ctx.app).get('/speakers');

      expect(res.status).toBe(200);
      expect(res.text).toContain('<a class="entity-name" href="/speakers/ministry-x">Ministry X</a>');
      expect(res.text).toMatch(/Ministry · Ruritania/);
      expect(res.text).toContain('part of <a href="/speakers/ministry-x">Ministry X</a>');
      expect(res.text.indexOf('Ministry X')).toBeLessThan(res.text.indexOf('Spokesman Y'));
    });

    test('when there are more speakers than a page holds, then a next link leads to page 2 with the rest', async () => {
      await ctx.prisma.speaker.createMany({
        data: Array.from({ length: 21 }, (_, i) => ({
          slug: `s-${i}`,
          name: `Speaker ${String(i).padStart(2, '0')}`,
          kind: 'person' as const,
        })),
      });

      const first = await request(ctx.app).get('/speakers');
      const second = await request(ctx.app).get('/speakers?page=2');

      expect(hrefs(first.text)).toContain('/speakers?page=2');
      expect(first.text).toContain('Speaker 19');
      expect(first.text).not.toContain('Speaker 20');
      expect(second.status).toBe(200);
      expect(second.text).toContain('Speaker 20');
      expect(second.text).not.toContain('Speaker 19');
      expect(second.text).toContain('rel="prev" href="/speakers"');
    });

    test('when filtered by kind, then only speakers of that kind are listed and the filter is kept in the page links', async () => {
      await ctx.prisma.speaker.createMany({
        data: Array.from({ length: 21 }, (_, i) => ({ slug: `gov-${i}`, name: `Government ${i}`, kind: 'government' as const })),
      });
      await makeSpeaker(ctx.prisma, { name: 'Some Person', kind: 'person' });

      const res = await request(ctx.app).get('/speakers?kind=government');

      expect(res.text).toContain('Government 0');
      expect(res.text).not.toContain('Some Person');
      expect(res.text).toContain('<option value="government" selected>');
      expect(hrefs(res.text)).toContain('/speakers?kind=government&page=2');
    });

    test('when searched by an alias, then the speaker is found; when nothing matches, then the page says so', async () => {
      await makeSpeaker(ctx.prisma, { name: 'Hikmat Al Hijri', aliases: ['Sheikh Hikmat al-Hijri'] });

      const found = await request(ctx.app).get('/speakers?q=sheikh');
      const missing = await request(ctx.app).get('/speakers?q=nobody');

      expect(found.text).toContain('Hikmat Al Hijri');
      expect(found.text).toContain('value="sheikh"');
      expect(missing.status).toBe(200);
      expect(missing.text).toContain('No speaker matches “nobody”');
    });

    test('when the search holds a LIKE wildcard, then it matches that character literally', async () => {
      await makeSpeaker(ctx.prisma, { name: 'Plain Name' });

      const res = await request(ctx.app).get('/speakers?q=%25');

      expect(res.text).not.toContain('Plain Name');
      expect(res.text).toContain('No speaker matches “%”');
    });
  });

  describe('GET /speakers/:slug', () => {
    test('when a current stance is shown, then it links to the speaker’s history on that topic, and that page holds only those statements', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Record Keeper' });
      const topic = await makeTopic(ctx.prisma, { name: 'Kept topic' });
      const other = await makeTopic(ctx.prisma, { name: 'Other kept topic' });
      const older = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024',
        positions: [{ topic: topic.slug, stance: 'supports' }],
      });
      const newer = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2025',
        positions: [{ topic: topic.slug, stance: 'opposes' }],
      });
      await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: [{ topic: other.slug, stance: 'mixed' }] });

      const profile = await request(ctx.app).get(`/speakers/${speaker.slug}`);
      const link = hrefs(profile.text).find((h) => h === `/speakers/${speaker.slug}/topics/${topic.slug}`);
      expect(link).toBeDefined();
      const list = await request(ctx.app).get(link!);

      expect(list.status).toBe(200);
      const listed = [...list.text.matchAll(/id="statement-(\d+)"/g)].map((m) => Number(m[1]));
      expect(listed).toEqual([older.id, newer.id]);
    });

    test('when the speaker exists, then the profile shows who they are and their current stance on each topic with the words behind it', async () => {
      const government = await makeSpeaker(ctx.prisma, { name: 'Gov A', kind: 'government' });
      const speaker = await ctx.prisma.speaker.create({
        data: {
          slug: 'hikmat-al-hijri',
          name: 'Hikmat Al Hijri',
          kind: 'person',
          description: 'Syrian Druze spiritual leader',
          country: 'Syria',
          memberOfId: government.id,
          aliases: { create: [{ name: 'Hikmat al-Hijri' }] },
        },
      });
      const topic = await makeTopic(ctx.prisma, { name: 'Separate region' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2024-03',
        text: 'Earlier words in favour',
        positions: [{ topic: topic.slug, stance: 'supports' }],
      });
      const latest = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2025-08',
        text: 'We categorically refuse it now',
        positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      });

      const res = await request(ctx.app).get('/speakers/hikmat-al-hijri');

      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>Hikmat Al Hijri</h1>');
      expect(res.text).toContain('Person · Syria');
      expect(res.text).toContain('Syrian Druze spiritual leader');
      expect(res.text).toContain('Hikmat al-Hijri');
      expect(res.text).toContain(`<a href="/speakers/${government.slug}">Gov A</a>`);
      const table = res.text.slice(res.text.indexOf('stances-table'), res.text.indexOf('</table>'));
      expect(table).toContain('<a href="/topics/separate-region">Separate region</a>');
      expect(table).toContain('Strongly opposes');
      expect(table).toContain('August 2025');
      expect(table).toContain('We categorically refuse it now');
      expect(table).toContain(`href="/statements/${latest.id}"`);
      expect(table).not.toContain('Earlier words in favour');
      expect(await ctx.prisma.currentStance.count({ where: { speakerId: speaker.id } })).toBe(1);
    });

    test('when a statement takes positions on two topics, then it is listed under each topic, newest first and undated last', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Grouped Speaker' });
      const a = await makeTopic(ctx.prisma, { name: 'Topic Alpha' });
      const b = await makeTopic(ctx.prisma, { name: 'Topic Beta' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: undefined,
        text: 'Undated words',
        positions: [{ topic: a.slug, stance: 'mixed' }],
      });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2023',
        text: 'Old words',
        positions: [{ topic: a.slug, stance: 'neutral' }],
      });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        said_on: '2025-01-02',
        text: 'Words on both',
        positions: [
          { topic: a.slug, stance: 'supports' },
          { topic: b.slug, stance: 'opposes' },
        ],
      });

      const res = await request(ctx.app).get(`/speakers/${speaker.slug}`);

      const statements = res.text.slice(res.text.indexOf('id="statements"'));
      const alpha = statements.slice(
        statements.indexOf('<h3><a href="/topics/topic-alpha">'),
        statements.indexOf('<h3><a href="/topics/topic-beta">'),
      );
      const beta = statements.slice(statements.indexOf('<h3><a href="/topics/topic-beta">'));
      expect(alpha).toContain('Words on both');
      expect(beta).toContain('Words on both');
      expect(alpha.indexOf('Words on both')).toBeLessThan(alpha.indexOf('Old words'));
      expect(alpha.indexOf('Old words')).toBeLessThan(alpha.indexOf('Undated words'));
      expect(beta).not.toContain('Old words');
    });

    test('when a speaker has more than 20 statements, then page 2 holds the oldest and page 1 links to it', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Prolific Speaker' });
      const topic = await makeTopic(ctx.prisma);
      for (let day = 1; day <= 21; day++) {
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: `2025-03-${String(day).padStart(2, '0')}`,
          text: `Statement of day ${day}.`,
          positions: [{ topic: topic.slug, stance: 'supports' }],
        });
      }

      const first = await request(ctx.app).get(`/speakers/${speaker.slug}`);
      const second = await request(ctx.app).get(`/speakers/${speaker.slug}?page=2`);

      expect(hrefs(first.text)).toContain(`/speakers/${speaker.slug}?page=2#statements`);
      expect(first.text).toContain('Statement of day 21.');
      expect(first.text).not.toContain('Statement of day 1.');
      expect(second.status).toBe(200);
      expect(second.text).toContain('Statement of day 1.');
      expect(second.text).not.toContain('Statement of day 2.');
    });

    test('when a speaker holds stances on more than 25 topics, then they are paged by topic name and each list keeps the other’s page', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Everywhere Speaker' });
      const topics = [];
      for (let i = 1; i <= 26; i++) topics.push(await makeTopic(ctx.prisma, { name: `Issue ${String(i).padStart(2, '0')}` }));
      // A statement takes at most 20 positions: two statements cover the 26 topics.
      for (const part of [topics.slice(0, 13), topics.slice(13)]) {
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          positions: part.map((t) => ({ topic: t.slug, stance: 'opposes' })),
        });
      }
      const path = `/speakers/${speaker.slug}`;

      const first = await request(ctx.app).get(path);
      const second = await request(ctx.app).get(`${path}?stances_page=2`);
      const beyond = await request(ctx.app).get(`${path}?stances_page=3`);
      const stancesOf = (html: string) => html.slice(html.indexOf('id="stances"'), html.indexOf('id="statements"'));

      expect(stancesOf(first.text)).toContain('Issue 25');
      expect(stancesOf(first.text)).not.toContain('Issue 26');
      expect(hrefs(first.text)).toContain(`${path}?stances_page=2#stances`);
      expect(first.text).toContain('aria-label="Pages of current stances"');
      expect(stancesOf(second.text)).toContain('Issue 26');
      expect(stancesOf(second.text)).not.toContain('Issue 01');
      expect(hrefs(second.text)).toContain(`${path}#stances`);
      expect(beyond.status).toBe(200);
      expect(beyond.text).toContain('There is no page 3 of stances.');
    });

    test('when a speaker has said nothing yet, then both sections say so', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Quiet Speaker' });

      const res = await request(ctx.app).get(`/speakers/${speaker.slug}`);

      expect(res.status).toBe(200);
      expect(res.text).toContain('No stance of Quiet Speaker is on record yet.');
      expect(res.text).toContain('Nothing said by Quiet Speaker is on record yet.');
    });

    test('when the slug is unknown, then the not-found page answers with 404', async () => {
      const res = await request(ctx.app).get('/speakers/no-such-speaker');

      expect(res.status).toBe(404);
      expect(res.text).toContain('Not found');
      expect(res.text).toContain('No speaker with the slug &quot;no-such-speaker&quot; is on record');
    });
  });

  describe('the speaker form', () => {
    test('when the form is opened, then every field has a label', async () => {
      const res = await ctx.editor.get('/speakers/new');

      expect(res.status).toBe(200);
      for (const field of ['name', 'kind', 'description', 'country', 'aliases', 'member_of']) {
        expect(res.text).toContain(`<label for="${field}">`);
        expect(res.text).toMatch(new RegExp(`id="${field}" name="${field}"`));
      }
    });

    test('when a complete speaker is posted, then it is saved with its aliases and parent and the browser is sent to its page', async () => {
      const parent = await makeSpeaker(ctx.prisma, { name: 'Foreign Ministry', kind: 'government' });

      const res = await ctx.editor.post('/speakers/new').type('form').send({
        name: 'Jane Doe',
        kind: 'person',
        description: 'Spokeswoman',
        country: 'Ruritania',
        aliases: 'J. Doe\r\nThe spokeswoman\r\n\r\nJ. Doe',
        member_of: parent.slug,
      });

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/speakers/jane-doe');
      const row = await ctx.prisma.speaker.findUnique({
        where: { slug: 'jane-doe' },
        include: { aliases: { orderBy: { id: 'asc' } } },
      });
      expect(row).toMatchObject({
        name: 'Jane Doe',
        kind: 'person',
        description: 'Spokeswoman',
        country: 'Ruritania',
        memberOfId: parent.id,
      });
      expect(row!.aliases.map((a) => a.name)).toEqual(['J. Doe', 'The spokeswoman']);
      const page = await request(ctx.app).get(res.headers.location!);
      expect(page.text).toContain('<h1>Jane Doe</h1>');
    });

    test('when the name is missing, then the form comes back with 422, the message beside the name and everything typed kept', async () => {
      const res = await ctx.editor
        .post('/speakers/new')
        .type('form')
        .send({ name: '  ', kind: 'ministry', country: 'Ruritania', aliases: 'One\nTwo' });

      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="name"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('<p class="field-error" id="name-error">Speaker name is required</p>');
      expect(res.text).toContain('<option value="ministry" selected>');
      expect(res.text).toContain('value="Ruritania"');
      expect(res.text).toContain('>One\nTwo</textarea>');
      expect(await ctx.prisma.speaker.count()).toBe(0);
    });

    test('when the kind is not one the app knows, then the message stands beside the kind field', async () => {
      const res = await ctx.editor.post('/speakers/new').type('form').send({ name: 'Someone', kind: 'king' });

      expect(res.status).toBe(422);
      expect(res.text).toContain('<p class="field-error" id="kind-error">Choose what kind of speaker this is</p>');
      expect(res.text).toContain('value="Someone"');
      expect(await ctx.prisma.speaker.count()).toBe(0);
    });

    test('when the parent slug is unknown, then the message stands beside that field and nothing is saved', async () => {
      const res = await ctx.editor
        .post('/speakers/new')
        .type('form')
        .send({ name: 'Orphan', kind: 'person', member_of: 'no-such-body' });

      expect(res.status).toBe(422);
      expect(res.text).toContain(
        '<p class="field-error" id="member_of-error">No speaker with the slug &quot;no-such-body&quot;</p>',
      );
      expect(res.text).toContain('value="no-such-body"');
      expect(await ctx.prisma.speaker.count()).toBe(0);
    });

    test('when a name holds markup, then it is stored as typed and shown escaped, never as markup', async () => {
      const res = await ctx.editor.post('/speakers/new').type('form').send({ name: XSS, kind: 'person' });

      expect(res.status).toBe(303);
      const row = await ctx.prisma.speaker.findFirstOrThrow({ where: { name: XSS } });
      const profile = await request(ctx.app).get(res.headers.location!);
      const list = await request(ctx.app).get('/speakers');
      const failed = await ctx.editor.post('/speakers/new').type('form').send({ name: XSS });
      for (const page of [profile, list, failed]) {
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(page.text).not.toContain(XSS);
      }
      expect(row.slug).toBe('script-alert-1-script');
    });

    test('when the name is in Arabic, then it is stored byte for byte and its page is reachable', async () => {
      const res = await ctx.editor.post('/speakers/new').type('form').send({ name: ARABIC, kind: 'organisation' });

      expect(res.status).toBe(303);
      const row = await ctx.prisma.speaker.findFirstOrThrow({ where: { kind: 'organisation' } });
      expect(Buffer.from(row.name)).toEqual(Buffer.from(ARABIC));
      expect(res.headers.location).toBe(`/speakers/${encodeURIComponent(row.slug)}`);
      const page = await request(ctx.app).get(res.headers.location!);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h1>${ARABIC}</h1>`);
    });
  });
});
