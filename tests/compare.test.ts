import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createApp } from '../src/app';
import { PrismaClient } from '../src/generated/prisma/client';
import { emptyTables } from './support/empty-tables';
import { makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';
import { compareFixture, MAIN_GRID, speaker, type CompareFixture } from './compare.fixtures';

/** The cells of one speaker's row, in column order: each `<td>…</td>`'s inner HTML. */
function row(html: string, speakerSlug: string): string[] {
  const start = html.indexOf(`<th scope="row"><a href="/speakers/${speakerSlug}">`);
  if (start < 0) throw new Error(`No row for ${speakerSlug} on the page`);
  const tr = html.slice(start, html.indexOf('</tr>', start));
  return [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
}

/** The speakers' slugs, row by row. */
const rowSlugs = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/speakers\/([^"]+)">/g)].map((m) => m[1]);

const csvRows = (text: string): string[][] => parse(text, { bom: true });

describe('the comparison grid page', () => {
  const ctx = useTestApp();
  let f: CompareFixture;

  beforeAll(async () => {
    await emptyTables(ctx.prisma);
    f = await compareFixture(ctx.prisma);
  });

  describe('GET /compare', () => {
    test('when nothing is chosen, then the page explains itself and offers an example that opens a grid', async () => {
      const res = await request(ctx.app).get('/compare');

      expect(res.status).toBe(200);
      expect(res.text).toContain('each row is a speaker, each column a topic');
      const example = hrefs(res.text).find((h) => h.startsWith('/compare?topics='));
      expect(example).toBeDefined();
      const opened = await request(ctx.app).get(example!);
      expect(opened.status).toBe(200);
      expect(opened.text).toContain('<table class="compare-grid"');
    });

    test('when the form is sent blank, then it comes back to the plain address', async () => {
      const res = await request(ctx.app).get('/compare?topic=&topic=&speaker=&kind=&country=');

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/compare');
    });

    test('when topics and speakers are chosen, then each cell holds the current stance, its strength, date and quote link', async () => {
      const res = await request(ctx.app).get(MAIN_GRID);
      const s = f.statements;

      expect(res.status).toBe(200);
      const [hijriRegion, hijriConstitution] = row(res.text, 'hikmat-al-hijri');
      // The later of two dated statements wins, with its month-only date.
      expect(hijriRegion).toContain('<span class="stance stance-supports">Supports</span>');
      expect(hijriRegion).toContain('<time datetime="2025-08">August 2025</time>');
      expect(hrefs(hijriRegion ?? '')).toContain('/speakers/hikmat-al-hijri/topics/separate-region');
      expect(hijriRegion).toContain(`href="/statements/${s.hijriRegion.id}"`);
      expect(hijriRegion).toContain('“All free countries and people must stand with us to announce a separate region”');
      // A dated statement beats a later undated one.
      expect(hijriConstitution).toContain('Opposes');
      expect(hijriConstitution).toContain('1 January 2023');
      expect(hijriConstitution).toContain(`href="/statements/${s.hijriConstitution.id}"`);

      const [saudiRegion, saudiConstitution] = row(res.text, 'saudi-arabia');
      expect(saudiRegion).toContain('<span class="stance stance-opposes stance-strong">Strongly opposes</span>');
      expect(saudiRegion).toContain(`href="/statements/${s.saudiRegion.id}"`);
      expect(saudiConstitution).toContain('Supports');
      expect(saudiConstitution).toContain('<time datetime="2024">2024</time>');

      const [damascusRegion, damascusConstitution] = row(res.text, 'syrian-government');
      expect(damascusRegion).toContain('No comment');
      expect(damascusRegion).toContain('There was no immediate reaction from Damascus.');
      expect(damascusConstitution).toBe('no statement on record');
    });

    test('when a grid is shown, then it is a table with a caption and headers scoped to columns and rows', async () => {
      const res = await request(ctx.app).get(MAIN_GRID);

      expect(res.text).toContain('<caption id="compare-caption"><span>Current stances: 3 speakers × 2 topics</span></caption>');
      expect(res.text).toContain('<th scope="col"><a href="/topics/separate-region">Separate region</a></th>');
      expect(rowSlugs(res.text)).toEqual(['hikmat-al-hijri', 'saudi-arabia', 'syrian-government']);
      // The form's rows hold the names, so that sending it again keeps the grid.
      expect(res.text).toContain('name="topic" value="Separate region"');
      expect(res.text).toContain('name="speaker" value="Syrian government"');
    });

    test('when names, aliases and slugs are typed, then the page redirects to the address of slugs', async () => {
      const res = await request(ctx.app).get(
        '/compare?topic=separate+REGION&topic=civil-constitution&topic=&speaker=Hikmat+al-Hijri&speaker=Damascus&speaker=SAUDI-ARABIA&speaker=&kind=&country=',
      );

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(
        '/compare?topics=separate-region,civil-constitution&speakers=hikmat-al-hijri,syrian-government,saudi-arabia',
      );
    });

    test('when the same topic or speaker is named twice, then it appears once, in the order first named', async () => {
      const res = await request(ctx.app).get(
        '/compare?topics=separate-region,Separate region&speakers=saudi-arabia,hikmat-al-hijri,Saudi Arabia',
      );

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/compare?topics=separate-region&speakers=saudi-arabia,hikmat-al-hijri');
    });

    test('when a typed name is close to a speaker’s name, then the message beside the row suggests it', async () => {
      const res = await request(ctx.app).get('/compare?topic=Separate+region&speaker=Hijri');

      expect(res.status).toBe(422);
      expect(res.text).toContain(
        '<p class="field-error" id="speaker-1-error">No speaker called &quot;Hijri&quot; is on record. Did you mean Hikmat Al Hijri?</p>',
      );
    });

    test('when a typed name is unknown, then the page answers 422 with a message beside that row and everything typed kept', async () => {
      const res = await request(ctx.app).get(
        '/compare?topic=Separate+region&topic=Atlantis&speaker=Damascus&speaker=Nobody+Here',
      );

      expect(res.status).toBe(422);
      expect(res.text).toContain(
        '<p class="field-error" id="topic-2-error">No topic has the slug or the name &quot;Atlantis&quot;</p>',
      );
      expect(res.text).toContain(
        '<p class="field-error" id="speaker-2-error">No speaker called &quot;Nobody Here&quot; is on record.</p>',
      );
      expect(res.text).toContain('id="topic-1" name="topic" value="Separate region"');
      expect(res.text).toContain('id="topic-2" name="topic" value="Atlantis"');
      expect(res.text).toContain('id="speaker-1" name="speaker" value="Damascus"');
      expect(res.text).toContain('href="#speaker-2"');
      expect(res.text).not.toContain('<table class="compare-grid"');
    });

    test('when 21 topics or 51 speakers are named, then the page answers 422 saying the limit', async () => {
      const topics = Array.from({ length: 21 }, (_, i) => `t-${i}`).join(',');
      const speakers = Array.from({ length: 51 }, (_, i) => `speaker=s-${i}`).join('&');

      const tooManyTopics = await request(ctx.app).get(`/compare?topics=${topics}&speakers=saudi-arabia`);
      const tooManySpeakers = await request(ctx.app).get(`/compare?topics=separate-region&${speakers}`);

      expect(tooManyTopics.status).toBe(422);
      expect(tooManyTopics.text).toContain('Choose at most 20 topics (21 given)');
      expect(tooManySpeakers.status).toBe(422);
      expect(tooManySpeakers.text).toContain('Name at most 50 speakers (51 given)');
    });

    test('when speakers are named but no topic, or named together with a kind, then the page says what to change', async () => {
      const noTopic = await request(ctx.app).get('/compare?speakers=saudi-arabia');
      const both = await request(ctx.app).get('/compare?topics=separate-region&speakers=saudi-arabia&kind=government');
      const badKind = await request(ctx.app).get('/compare?topics=separate-region&kind=wizard');

      expect(noTopic.status).toBe(422);
      expect(noTopic.text).toContain('Choose at least one topic');
      expect(both.status).toBe(422);
      expect(both.text).toContain('Name speakers or choose a kind or country, not both');
      expect(badKind.status).toBe(422);
      expect(badKind.text).toContain('<p class="field-error" id="kind-error">Kind is one of');
    });

    test('when a kind is chosen, then the rows are the speakers of that kind with a stance on a chosen topic, by name', async () => {
      const res = await request(ctx.app).get('/compare?topics=separate-region,civil-constitution&kind=government');

      expect(res.status).toBe(200);
      expect(rowSlugs(res.text)).toEqual(['saudi-arabia', 'syrian-government']);
      expect(res.text).toContain('<option value="government" selected>');
    });

    test('when a country is chosen, in any case, then the rows are its speakers; with a kind as well, both must hold', async () => {
      const country = await request(ctx.app).get('/compare?topics=separate-region&country=syria');
      const both = await request(ctx.app).get('/compare?topics=separate-region&kind=government&country=Syria');

      expect(rowSlugs(country.text)).toEqual(['hikmat-al-hijri', 'syrian-government']);
      expect(rowSlugs(both.text)).toEqual(['syrian-government']);
    });

    test('when only topics are chosen, then every speaker with a stance on one of them is a row', async () => {
      const res = await request(ctx.app).get('/compare?topics=civil-constitution');

      expect(rowSlugs(res.text)).toEqual(['hikmat-al-hijri', 'saudi-arabia']);
    });

    test('when names hold markup, then the grid shows them as text', async () => {
      const res = await request(ctx.app).get('/compare?topics=formula-water&speakers=hostile-front,formula');

      expect(res.status).toBe(200);
      expect(res.text).not.toContain(XSS);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Front');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; says yes');
    });

    test('when parameters come in odd shapes, then the page and the CSV answer 200, 303 or 422, never 500', async () => {
      for (const query of [
        'topic[a]=b',
        'topic[]=separate-region&topic[]=Civil constitution',
        'topics=separate-region&speaker[x][y]=1',
        'topics=separate-region&speakers=%25,_',
        'topics=separate-region&country[]=Syria',
        `speaker=${'x'.repeat(300)}&topics=separate-region`,
        'topics=separate-region&kind=government&page=abc',
        'format[]=csv&topics=separate-region',
      ]) {
        for (const path of ['/compare', '/compare.csv']) {
          const res = await request(ctx.app).get(`${path}?${query}`);
          expect([`${path}?${query}`, [200, 303, 422].includes(res.status)]).toEqual([`${path}?${query}`, true]);
        }
      }
    });

    test('when a grid is shown, then its CSV link keeps the same topics and speakers', async () => {
      const res = await request(ctx.app).get(MAIN_GRID);

      expect(hrefs(res.text)).toContain(MAIN_GRID.replace('/compare?', '/compare.csv?'));
    });
  });

  describe('the number of queries', () => {
    test('when the grid grows, then the page still reads the database the same number of times', async () => {
      let queries = 0;
      const counted = new PrismaClient({
        adapter: new PrismaPg({ connectionString: ctx.db.url, max: 1 }),
        log: [{ emit: 'event', level: 'query' }],
      });
      counted.$on('query', () => queries++);
      const app = createApp({ prisma: counted, pageCacheMb: 0 });
      const count = async (url: string) => {
        queries = 0;
        expect((await request(app).get(url)).status).toBe(200);
        return queries;
      };
      try {
        const small = await count('/compare?topics=separate-region&speakers=saudi-arabia');
        const large = await count(
          '/compare?topics=separate-region,civil-constitution,formula-water&speakers=hikmat-al-hijri,saudi-arabia,syrian-government,hostile-front,formula',
        );
        const byKind = await count('/compare?topics=separate-region,civil-constitution,formula-water&kind=government');

        expect(large).toBe(small);
        expect(byKind).toBe(small);
        expect(small).toBeLessThanOrEqual(8);
      } finally {
        await counted.$disconnect();
      }
    });
  });

  describe('the CSV download', () => {
    test('when the grid is downloaded, then it is a CSV attachment with a row per speaker and three columns per topic', async () => {
      const res = await request(ctx.app).get(MAIN_GRID.replace('/compare?', '/compare.csv?'));

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="on-record-compare-separate-region-civil-constitution.csv"',
      );
      const [header, hijri, saudi, damascus, ...rest] = csvRows(res.text);
      expect(rest).toEqual([]);
      expect(header).toEqual([
        'Speaker',
        'Speaker slug',
        'Speaker kind',
        'Separate region',
        'Separate region: date said',
        'Separate region: statement',
        'Civil constitution',
        'Civil constitution: date said',
        'Civil constitution: statement',
      ]);
      const s = f.statements;
      expect(hijri!.slice(0, 5)).toEqual(['Hikmat Al Hijri', 'hikmat-al-hijri', 'Person', 'Supports', '2025-08']);
      expect(hijri![5]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/statements/${s.hijriRegion.id}$`));
      expect(hijri!.slice(6, 8)).toEqual(['Opposes', '2023-01-01']);
      expect(saudi!.slice(3, 5)).toEqual(['Strongly opposes', '2025-08-04']);
      expect(saudi!.slice(6, 8)).toEqual(['Supports', '2024']);
      expect(damascus!.slice(3, 5)).toEqual(['No comment', '2025-08']);
      expect(damascus!.slice(6)).toEqual(['', '', '']);
    });

    test('when a cell would start a spreadsheet formula, then it is written with a leading apostrophe', async () => {
      const res = await request(ctx.app).get('/compare.csv?topics=formula-water&speakers=formula,hostile-front');

      const [header, formula, hostile] = csvRows(res.text);
      expect(header![3]).toBe("'=SUM(1+1) Water rights");
      expect(header![4]).toBe("'=SUM(1+1) Water rights: date said");
      expect(formula![0]).toBe("'@SUM(A1) Movement");
      expect(hostile![0]).toBe(`${XSS} Front`);
      expect(res.text).not.toMatch(/(^|,)"?[=+\-@]/m);
    });

    test('when ?format=csv is added to the page address, then the same CSV comes back', async () => {
      const page = await request(ctx.app).get(`${MAIN_GRID}&format=csv`).set('Host', 'on-record.example');
      const file = await request(ctx.app).get(MAIN_GRID.replace('/compare?', '/compare.csv?')).set('Host', 'on-record.example');

      expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(page.text).toBe(file.text);
    });

    test('when the CSV names an unknown topic, then the page answers 422 with the message', async () => {
      const res = await request(ctx.app).get('/compare.csv?topics=atlantis');

      expect(res.status).toBe(422);
      expect(res.text).toContain('No topic has the slug or the name &quot;atlantis&quot;');
    });
  });

  describe('links to the grid', () => {
    test('when any page is shown, then the main navigation links to the grid', async () => {
      const res = await request(ctx.app).get('/topics');

      expect(res.text).toContain('<a href="/compare">Compare</a>');
    });

    test('when a topic page is shown, then it links to the grid preset with the topic and the speakers on its comparison', async () => {
      const res = await request(ctx.app).get('/topics/separate-region');

      const link = hrefs(res.text).find((h) => h.startsWith('/compare?'));
      const url = new URL(link!, 'http://x');
      expect(url.searchParams.get('topics')).toBe('separate-region');
      expect(url.searchParams.get('speakers')!.split(',').sort()).toEqual([
        'hikmat-al-hijri',
        'saudi-arabia',
        'syrian-government',
      ]);
      const grid = await request(ctx.app).get(link!);
      expect(grid.status).toBe(200);
    });
  });
});

describe('the comparison grid, a page at a time', () => {
  const ctx = useTestApp();

  beforeAll(async () => {
    await emptyTables(ctx.prisma);
    const topic = await makeTopic(ctx.prisma, { name: 'Water' });
    for (let i = 1; i <= 52; i++) {
      const gov = await speaker(ctx.prisma, `Government ${String(i).padStart(2, '0')}`, 'government', null);
      await makeStatement(ctx.prisma, { speaker: gov.slug, positions: [{ topic: topic.slug, stance: 'supports' }] });
    }
    const person = await speaker(ctx.prisma, 'A person', 'person', null);
    await makeStatement(ctx.prisma, { speaker: person.slug, positions: [{ topic: topic.slug, stance: 'opposes' }] });
  });

  test('when more than 50 speakers are of the kind, then page 1 holds 50 by name and page 2 the rest', async () => {
    const first = await request(ctx.app).get('/compare?topics=water&kind=government');
    const second = await request(ctx.app).get('/compare?topics=water&kind=government&page=2');

    expect(rowSlugs(first.text)).toHaveLength(50);
    expect(rowSlugs(first.text)[0]).toBe('government-01');
    expect(hrefs(first.text)).toContain('/compare?topics=water&kind=government&page=2');
    expect(rowSlugs(second.text)).toEqual(['government-51', 'government-52']);
    expect(hrefs(second.text)).toContain('/compare?topics=water&kind=government');
  });

  test('when a page past the last is asked for, then the page says so and links back to the first', async () => {
    const res = await request(ctx.app).get('/compare?topics=water&kind=government&page=9');

    expect(res.status).toBe(200);
    expect(res.text).toContain('There is no speaker on this page.');
    expect(hrefs(res.text)).toContain('/compare?topics=water&kind=government');
  });

  test('when page 1 is asked for by number, then the page redirects to the address without it', async () => {
    const res = await request(ctx.app).get('/compare?topics=water&kind=government&page=1');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/compare?topics=water&kind=government');
  });
});
