import request from 'supertest';
import { emptyTables } from './support/empty-tables';
import { useTestApp } from './support/test-app';
import { compareFixture, MAIN_GRID, said, speaker, type CompareFixture } from './compare.fixtures';

const API_GRID = MAIN_GRID.replace('/compare?', '/api/v1/compare?');

type Cell = { speaker: string; topic: string; label: string; statement_id: number };

describe('GET /api/v1/compare', () => {
  const ctx = useTestApp();
  let f: CompareFixture;

  beforeAll(async () => {
    await emptyTables(ctx.prisma);
    f = await compareFixture(ctx.prisma);
  });

  test('when topics and speakers are named, then it answers the grid: topics, speakers and each cell on record', async () => {
    const res = await request(ctx.app).get(API_GRID).set('Host', 'on-record.example');
    const s = f.statements;

    expect(res.status).toBe(200);
    expect(res.body.topics).toEqual([
      { slug: 'separate-region', name: 'Separate region' },
      { slug: 'civil-constitution', name: 'Civil constitution' },
    ]);
    expect(res.body.speakers).toEqual([
      { slug: 'hikmat-al-hijri', name: 'Hikmat Al Hijri', kind: 'person' },
      { slug: 'saudi-arabia', name: 'Saudi Arabia', kind: 'government' },
      { slug: 'syrian-government', name: 'Syrian government', kind: 'government' },
    ]);
    expect(res.body.cells).toHaveLength(5);
    expect(res.body.cells[0]).toEqual({
      speaker: 'hikmat-al-hijri',
      topic: 'separate-region',
      stance: 'supports',
      strength: 1,
      label: 'Supports',
      said_on: '2025-08',
      said_on_precision: 'month',
      statement_id: s.hijriRegion.id,
      conflicting_statement_id: null,
      statement_kind: 'quote',
      statement_url: `http://on-record.example/statements/${s.hijriRegion.id}`,
      excerpt: 'All free countries and people must stand with us to announce a separate region',
      language: 'en',
    });
    const byPair = new Map<string, Cell>(res.body.cells.map((c: Cell) => [`${c.speaker}/${c.topic}`, c]));
    expect(byPair.get('hikmat-al-hijri/civil-constitution')).toMatchObject({ stance: 'opposes', said_on: '2023-01-01' });
    expect(byPair.get('saudi-arabia/separate-region')).toMatchObject({
      stance: 'opposes',
      strength: 2,
      label: 'Strongly opposes',
    });
    expect(byPair.get('saudi-arabia/civil-constitution')).toMatchObject({ said_on: '2024', said_on_precision: 'year' });
    expect(byPair.get('syrian-government/separate-region')).toMatchObject({
      stance: 'unclear',
      label: 'No comment',
      statement_kind: 'no_comment',
    });
    expect(byPair.has('syrian-government/civil-constitution')).toBe(false);
    expect(res.body.pagination).toBeNull();
    expect(res.body.links.csv).toBe(`http://on-record.example${MAIN_GRID.replace('/compare?', '/compare.csv?')}`);
  });

  test('when the page and the API show the same grid, then they agree cell by cell', async () => {
    const [page, api] = await Promise.all([request(ctx.app).get(MAIN_GRID), request(ctx.app).get(API_GRID)]);

    const fromPage = [...page.text.matchAll(/<tr>\s*<th scope="row"><a href="\/speakers\/([^"]+)">[\s\S]*?<\/tr>/g)].flatMap(
      (tr) =>
        [...tr[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td, i) => {
          const label = /<span class="stance[^"]*">([^<]+)<\/span>/.exec(td[1]!)?.[1];
          const id = /href="\/statements\/(\d+)"/.exec(td[1]!)?.[1];
          return `${tr[1]}/${api.body.topics[i].slug}: ${label ?? 'none'} ${id ?? ''}`.trim();
        }),
    );
    const fromApi = (api.body.speakers as { slug: string }[]).flatMap((sp) =>
      (api.body.topics as { slug: string }[]).map((t) => {
        const cell = (api.body.cells as Cell[]).find((c) => c.speaker === sp.slug && c.topic === t.slug);
        return `${sp.slug}/${t.slug}: ${cell ? `${cell.label} ${cell.statement_id}` : 'none'}`;
      }),
    );
    expect(fromPage).toEqual(fromApi);
    expect(fromPage).toHaveLength(6);
  });

  test('when names and aliases are sent instead of slugs, then they are resolved and the answer names the slugs', async () => {
    const res = await request(ctx.app).get('/api/v1/compare?topic=Separate region&speakers=Damascus,Hikmat al-Hijri');

    expect(res.status).toBe(200);
    expect(res.body.topics.map((t: { slug: string }) => t.slug)).toEqual(['separate-region']);
    expect(res.body.speakers.map((s: { slug: string }) => s.slug)).toEqual(['syrian-government', 'hikmat-al-hijri']);
    expect(res.body.links.page).toMatch(/\/compare\?topics=separate-region&speakers=syrian-government,hikmat-al-hijri$/);
  });

  test('when a name is unknown, then it answers 422 naming the parameter, the position and what was sent', async () => {
    const res = await request(ctx.app).get('/api/v1/compare?topics=separate-region,atlantis&speakers=saudi-arabia,Nobody');

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toEqual({
      'topics.1': 'No topic has the slug or the name "atlantis"',
      'speakers.1': 'No speaker called "Nobody" is on record.',
    });
  });

  test('when a name belongs to several speakers, then it answers 422 listing them by slug', async () => {
    await speaker(ctx.prisma, 'Interior Ministry', 'government', null);
    await ctx.prisma.speaker.create({ data: { slug: 'interior-ministry-2', name: 'Interior Ministry', kind: 'government' } });

    const res = await request(ctx.app).get('/api/v1/compare?topics=separate-region&speakers=Interior Ministry');

    expect(res.status).toBe(422);
    expect(res.body.error.fields['speakers.0']).toContain('More than one speaker is called "Interior Ministry"');
    expect(res.body.error.fields['speakers.0']).toContain('interior-ministry-2');
  });

  test('when 21 topics, 51 speakers or no topic are sent, then it answers 422 saying which limit', async () => {
    const topics = Array.from({ length: 21 }, (_, i) => `t-${i}`).join(',');
    const speakers = Array.from({ length: 51 }, (_, i) => `s-${i}`).join(',');

    const tooManyTopics = await request(ctx.app).get(`/api/v1/compare?topics=${topics}`);
    const tooManySpeakers = await request(ctx.app).get(`/api/v1/compare?topics=separate-region&speakers=${speakers}`);
    const none = await request(ctx.app).get('/api/v1/compare');

    expect(tooManyTopics.status).toBe(422);
    expect(tooManyTopics.body.error.fields).toEqual({ topics: 'Choose at most 20 topics (21 given)' });
    expect(tooManySpeakers.status).toBe(422);
    expect(tooManySpeakers.body.error.fields.speakers).toContain('Name at most 50 speakers (51 given)');
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toEqual({ topics: 'Choose at least one topic' });
  });

  test('when a kind or country is sent, then the speakers are those with a stance on a chosen topic, paginated', async () => {
    const res = await request(ctx.app).get('/api/v1/compare?topics=separate-region&kind=government&country=SYRIA');

    expect(res.status).toBe(200);
    expect(res.body.speakers.map((s: { slug: string }) => s.slug)).toEqual(['syrian-government']);
    expect(res.body.filter).toEqual({ kind: 'government', country: 'SYRIA' });
    expect(res.body.pagination).toEqual({ page: 1, limit: 50, next_page: null });
  });

  test('when the kind is not one of the kinds, then it answers 422 naming the field', async () => {
    const res = await request(ctx.app).get('/api/v1/compare?topics=separate-region&kind=wizard');

    expect(res.status).toBe(422);
    expect(res.body.error.fields.kind).toContain('Kind is one of');
  });

  test('when parameters come in odd shapes, then it answers 200 or 422, never 500', async () => {
    for (const query of [
      'topics[a]=b',
      'topics[]=separate-region&topics[]=civil-constitution',
      'topics=separate-region&speakers[x][y]=1',
      'topics=,,,separate-region,,&speakers=,',
      `topics=${'x'.repeat(300)}`,
      'topics=separate-region&kind[]=government',
      'topics=separate-region&page=-1',
      'topics=separate-region&page=99999999999',
    ]) {
      const res = await request(ctx.app).get(`/api/v1/compare?${query}`);
      expect([query, [200, 422].includes(res.status)]).toEqual([query, true]);
    }
  });

  test('when a speaker contradicted themselves within the window, then the cell is unclear and names the other statement', async () => {
    const turncoat = await speaker(ctx.prisma, 'Turncoat Council', 'organisation', 'Nowhere');
    const early = await said(ctx.prisma, turncoat.slug, 'separate-region', 'supports', '2025-03-01');
    const late = await said(ctx.prisma, turncoat.slug, 'separate-region', 'opposes', '2025-03-20');

    const api = await request(ctx.app).get(`/api/v1/compare?topics=separate-region&speakers=${turncoat.slug}`).expect(200);
    expect(api.body.cells).toEqual([
      expect.objectContaining({ stance: 'unclear', statement_id: late.id, conflicting_statement_id: early.id }),
    ]);
    const page = await request(ctx.app).get(`/compare?topics=separate-region&speakers=${turncoat.slug}`).expect(200);
    expect(page.text).toContain('<span class="stance stance-unclear">Unclear</span>');
    expect(page.text).toContain(`contradicted <a href="/statements/${early.id}">within 30 days</a>`);
  });
});
