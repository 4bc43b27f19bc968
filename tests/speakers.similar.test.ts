import { SIMILAR_NAME_THRESHOLD } from '../src/speakers/speakers.lookup';
import { makeSpeaker } from './support/factories';
import { hrefs } from './support/html';
import { useTestApp } from './support/test-app';

// Adding a speaker whose name is very close to an existing speaker's name or
// alias asks first: the form answers 422 with the close speakers and a
// "create it anyway" checkbox, the API 409 similar_speaker unless allow_similar_name.

const ctx = useTestApp();

beforeAll(async () => {
  await makeSpeaker(ctx.prisma, { name: 'Hikmat Al Hijri', aliases: ['Sheikh Hikmat Al Hijri'] });
  await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
  await makeSpeaker(ctx.prisma, { name: 'Speaker 1' });
});

const postForm = (fields: Record<string, string>) => ctx.editor.post('/speakers/new').type('form').send(fields);

describe('POST /speakers/new', () => {
  test.each([
    ['Hikmat Hijri', 'hikmat-al-hijri'], // similarity 0.79
    ['hikmat al-hijri', 'hikmat-al-hijri'], // the same key
    ['Saudi Arabian', 'saudi-arabia'], // 0.8
    ['Sheikh Hikmat Al-Hijri', 'hikmat-al-hijri'], // an alias, the same key
  ])('when "%s" is added, then 422 links the close speaker %s and nothing is saved', async (name, slug) => {
    const before = await ctx.prisma.speaker.count();

    const res = await postForm({ name, kind: 'person', description: 'Typed and kept' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('very similar name is already on record');
    expect(hrefs(res.text)).toContain(`/speakers/${slug}`);
    expect(res.text).toContain('This is a different speaker — create it anyway');
    expect(res.text).toContain('value="Typed and kept"');
    expect(await ctx.prisma.speaker.count()).toBe(before);
  });

  test.each([
    ['Speaker 2'], // 0.67
    ['Saudi Aramco'], // 0.53
  ])('when "%s" is added (under the threshold), then it is saved without a question', async (name) => {
    const res = await postForm({ name, kind: 'organisation' });

    expect(res.status).toBe(303);
  });

  test('when "create it anyway" is ticked, then the close name is saved with its own slug', async () => {
    const res = await postForm({ name: 'Hikmat Hijri', kind: 'person', confirm_new_speaker: 'on' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/speakers/hikmat-hijri');
  });

  test('the threshold sits between the two sides tested above', () => {
    expect(SIMILAR_NAME_THRESHOLD).toBeGreaterThan(0.67);
    expect(SIMILAR_NAME_THRESHOLD).toBeLessThanOrEqual(0.79);
  });
});

describe('POST /api/v1/speakers', () => {
  test('when the name is very close to an existing one, then 409 similar_speaker lists it with its score', async () => {
    const res = await ctx.editor.post('/api/v1/speakers').send({ name: 'Saudi  Arabia!', kind: 'government' });

    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: 'similar_speaker',
      message: expect.stringContaining('Saudi Arabia'),
      matches: [{ slug: 'saudi-arabia', name: 'Saudi Arabia', matched: 'Saudi Arabia', score: 1 }],
    });
  });

  test('when allow_similar_name is true, then it is created (201)', async () => {
    const res = await ctx.editor
      .post('/api/v1/speakers')
      .send({ name: 'Saudi Arabia', kind: 'government', allow_similar_name: true });

    expect(res.status).toBe(201);
    expect(res.body.slug).toBe('saudi-arabia-2');
  });

  test('when the name is not close to any, then it is created (201)', async () => {
    const res = await ctx.editor.post('/api/v1/speakers').send({ name: 'Ministry of Culture', kind: 'ministry' });

    expect(res.status).toBe(201);
  });
});
