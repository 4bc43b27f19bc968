import request from 'supertest';
import { loadDemoData } from '../src/demo/demo-data';
import { makeSpeaker } from './support/factories';
import { useTestApp } from './support/test-app';

const ctx = useTestApp();

beforeAll(async () => {
  await loadDemoData(ctx.prisma);
});

const lookup = (q: string) => request(ctx.app).get('/api/v1/speakers/lookup').query({ q });

describe('GET /api/v1/speakers/lookup', () => {
  test.each([
    'al-Hijri',
    'Hijri',
    'Hikmat Hijri',
    'hikmat al-hijri',
    'Al Hijri',
    'HIKMAT  AL HIJRI',
    'Sheikh Hikmat',
    'hikmat-al-hijri',
  ])('when "%s" is looked up, then Hikmat Al Hijri comes first', async (q) => {
    const res = await lookup(q);

    expect(res.status).toBe(200);
    expect(res.body.data[0]).toEqual(
      expect.objectContaining({ slug: 'hikmat-al-hijri', name: 'Hikmat Al Hijri', kind: 'person' }),
    );
    expect(res.body.data[0].score).toBeGreaterThan(0.3);
    expect(res.body.data[0].score).toBeLessThanOrEqual(1);
  });

  test('when an alias is typed exactly, then the speaker comes first as an exact match, naming the alias', async () => {
    const res = await lookup('damascus');

    expect(res.body.data[0]).toEqual(
      expect.objectContaining({ slug: 'syrian-government', matched: 'Damascus', via: 'alias', exact: true, score: 1 }),
    );
  });

  test('when a name is typed with different case and hyphens, then the match is exact and names what matched', async () => {
    const res = await lookup('hikmat al-hijri');

    expect(res.body.data[0]).toEqual(expect.objectContaining({ slug: 'hikmat-al-hijri', exact: true, score: 1 }));
    expect(['Hikmat Al Hijri', 'Hikmat al-Hijri']).toContain(res.body.data[0].matched);
  });

  test('when a slug is typed, then its speaker comes first as an exact match by slug', async () => {
    const res = await lookup('saudi-arabia');

    expect(res.body.data[0]).toEqual(expect.objectContaining({ slug: 'saudi-arabia', exact: true }));
  });

  test('when an exact name and a near one both match, then the exact one ranks first, and every speaker appears once', async () => {
    await makeSpeaker(ctx.prisma, { name: 'Hijri Foundation', kind: 'organisation' });
    const exact = await makeSpeaker(ctx.prisma, { name: 'Hijri' });

    const res = await lookup('Hijri');

    const slugs = res.body.data.map((m: { slug: string }) => m.slug);
    expect(slugs[0]).toBe(exact.slug);
    expect(slugs).toEqual(expect.arrayContaining(['hikmat-al-hijri', 'hijri-foundation']));
    expect(new Set(slugs).size).toBe(slugs.length);
    const scores = res.body.data.slice(1).map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('when nothing is close, then the list is empty', async () => {
    const res = await lookup('Zyxwvut Qqq');

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  test('when more than ten speakers are close, then ten are answered', async () => {
    for (let i = 0; i < 12; i++) await makeSpeaker(ctx.prisma, { name: `Lookalike Council ${i}`, kind: 'organisation' });

    const res = await lookup('Lookalike Council');

    expect(res.body.data).toHaveLength(10);
  });

  test('when q is missing or too long, then 422 names q', async () => {
    const missing = await request(ctx.app).get('/api/v1/speakers/lookup');
    const long = await lookup('x'.repeat(201));
    const repeated = await request(ctx.app).get('/api/v1/speakers/lookup?q=a&q=b');

    for (const res of [missing, long, repeated]) {
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toHaveProperty('q');
    }
  });

  test('when q holds % and _, then they match only themselves', async () => {
    const res = await lookup('%_%');

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  test('when speakers called "Lookup" and "New" are added, then their slugs do not hide the lookup or the form', async () => {
    const lookupSpeaker = await ctx.editor.post('/api/v1/speakers').send({ name: 'Lookup', kind: 'organisation' });
    const newSpeaker = await ctx.editor.post('/api/v1/speakers').send({ name: 'New', kind: 'organisation' });

    expect([lookupSpeaker.body.slug, newSpeaker.body.slug]).toEqual(['lookup-2', 'new-2']);
    expect((await lookup('Lookup')).body.data[0]).toEqual(expect.objectContaining({ slug: 'lookup-2', exact: true }));
    expect((await request(ctx.app).get('/api/v1/speakers/lookup-2')).body.name).toBe('Lookup');
  });
});
