import request from 'supertest';
import { RANK_CAP, searchStatements } from '../src/search/search.service';
import { searchParams } from '../src/search/search.schema';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { useTestApp } from './support/test-app';

// The search page and the search service against a real PostgreSQL. Each test
// searches for words only its own statements hold, so the tests share one database.

const ctx = useTestApp();

const page = (query: Record<string, string>) => request(ctx.app).get('/search').query(query);
const api = (query: Record<string, string>) => request(ctx.app).get('/api/v1/search').query(query);

async function foundIds(query: Record<string, string>): Promise<number[]> {
  const res = await api(query);
  expect(res.status).toBe(200);
  return (res.body.data as { id: number }[]).map((d) => d.id);
}

let general: { slug: string };
beforeAll(async () => {
  general = await makeTopic(ctx.prisma, { name: 'Everything else' });
});

/** A statement with a neutral position on a topic of its own unless `extra` says otherwise. */
async function say(speaker: string, text: string, extra: Record<string, unknown> = {}) {
  const { id } = await makeStatement(ctx.prisma, {
    speaker,
    text,
    positions: [{ topic: general.slug, stance: 'neutral' }],
    source_unknown: true,
    sources: [],
    ...extra,
  });
  return id;
}

describe('search ranking', () => {
  test('when a word is in one statement’s text and only in another’s context, then the text match ranks first', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const inContext = await say(s.slug, 'We will speak about water later.', { context: 'Asked about the aquifer near Sweida.' });
    const inText = await say(s.slug, 'The aquifer belongs to everyone.');

    expect(await foundIds({ q: 'aquifer' })).toEqual([inText, inContext]);
  });

  test('when one statement uses the word more often, then it ranks higher', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const once = await say(s.slug, 'The dam was discussed, among many other things on the long agenda of the day.');
    const often = await say(s.slug, 'The dam, the dam and again the dam: nothing else matters.');

    const res = await api({ q: 'dam' });
    expect(res.body.data.map((d: { id: number }) => d.id)).toEqual([often, once]);
    expect(res.body.search.order).toBe('relevance');
    expect(res.body.data[0].rank).toBeGreaterThan(res.body.data[1].rank);
  });

  test('when sort=newest, then matches come newest first whatever their rank', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const older = await say(s.slug, 'Lighthouse, lighthouse, lighthouse.', { said_on: '2024-01-01' });
    const newer = await say(s.slug, 'A lighthouse.', { said_on: '2025-01-01' });

    expect(await foundIds({ q: 'lighthouse' })).toEqual([older, newer]);
    expect(await foundIds({ q: 'lighthouse', sort: 'newest' })).toEqual([newer, older]);
  });

  test('when more statements match than can be ranked, then they come newest first and the result says so', async () => {
    const s = await makeSpeaker(ctx.prisma);
    await ctx.prisma.$executeRaw`
      INSERT INTO statements (speaker_id, kind, text, language, said_on, said_on_precision, source_unknown)
      SELECT ${s.id}, 'quote', 'plentiful words number ' || g, 'en', DATE '2020-01-01' + g, 'day', true
      FROM generate_series(1, ${RANK_CAP + 1}) g`;

    const res = await api({ q: 'plentiful', limit: '3' });

    expect(res.body.search).toMatchObject({ order: 'newest', matches_capped: true, ranking_skipped: true });
    expect(res.body.data.map((d: { text: string }) => d.text)).toEqual([
      `plentiful words number ${RANK_CAP + 1}`,
      `plentiful words number ${RANK_CAP}`,
      `plentiful words number ${RANK_CAP - 1}`,
    ]);
    const html = (await page({ q: 'plentiful' })).text;
    expect(html).toContain(
      `More than ${RANK_CAP.toLocaleString('en')} statements match: too many to rank, so they are shown newest first.`,
    );
  });
});

describe('search syntax', () => {
  test('when words are quoted, then only statements with the phrase are found', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const phrase = await say(s.slug, 'Grazing rights must be respected.');
    const apart = await say(s.slug, 'The rights of those grazing herds.');

    expect(await foundIds({ q: '"grazing rights"' })).toEqual([phrase]);
    expect((await foundIds({ q: 'grazing rights' })).sort()).toEqual([phrase, apart].sort());
  });

  test('when two words are joined by OR, then either finds a statement; without OR both are needed', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const glacier = await say(s.slug, 'The glacier retreats.');
    const tundra = await say(s.slug, 'The tundra thaws.');
    const both = await say(s.slug, 'Glacier and tundra alike.');

    expect((await foundIds({ q: 'glacier OR tundra' })).sort()).toEqual([glacier, tundra, both].sort());
    expect(await foundIds({ q: 'glacier tundra' })).toEqual([both]);
  });

  test('when a word is negated, then no form of it is found, even where only its stem matches', async () => {
    const s = await makeSpeaker(ctx.prisma);
    await say(s.slug, 'The separatists gathered at the quarry.');
    const plain = await say(s.slug, 'The quarry opened again.');

    expect(await foundIds({ q: 'quarry -separatist' })).toEqual([plain]);
    expect(await foundIds({ q: 'quarry -separatists' })).toEqual([plain]);
    expect(await foundIds({ q: 'quarry -"the separatists"' })).toEqual([plain]);
  });

  test('when a word is searched in another form, then the English stem finds it', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const id = await say(s.slug, 'Both provinces were consulted.');

    expect(await foundIds({ q: 'province' })).toEqual([id]);
  });

  test('when the original text is Arabic, then an Arabic word finds it, as written or by its stem', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const id = await say(s.slug, 'The Druze demand a separate region.', {
      original_text: 'الدروز يطالبون بمنطقة منفصلة',
      original_language: 'ar',
    });

    expect(await foundIds({ q: 'الدروز' })).toEqual([id]);
    expect(await foundIds({ q: 'دروز' })).toEqual([id]);
    const res = await api({ q: 'منفصلة' });
    expect(res.body.data[0].original_headline_html).toContain('<mark>منفصلة</mark>');
  });
});

describe('speaker names in search', () => {
  test('when a speaker’s other name is searched, then their statements are found', async () => {
    const s = await makeSpeaker(ctx.prisma, { name: 'Hikmat Example', aliases: ['Sheikh Zanzibarite'] });
    const id = await say(s.slug, 'We stand by our call.');

    expect(await foundIds({ q: 'zanzibarite' })).toEqual([id]);
  });

  test('when a speaker is renamed or gains or loses an alias, then search follows', async () => {
    const s = await makeSpeaker(ctx.prisma, { name: 'Oldname Quillon' });
    const id = await say(s.slug, 'Nothing to add.');
    expect(await foundIds({ q: 'oldname' })).toEqual([id]);

    await ctx.prisma.speaker.update({ where: { id: s.id }, data: { name: 'Newname Quillon' } });
    expect(await foundIds({ q: 'oldname' })).toEqual([]);
    expect(await foundIds({ q: 'newname' })).toEqual([id]);

    const alias = await ctx.prisma.speakerAlias.create({ data: { speakerId: s.id, name: 'The Marquetry Office' } });
    expect(await foundIds({ q: 'marquetry' })).toEqual([id]);

    await ctx.prisma.speakerAlias.delete({ where: { id: alias.id } });
    expect(await foundIds({ q: 'marquetry' })).toEqual([]);
  });
});

describe('search filters', () => {
  test('when each filter is given, then only the statements that fit it are found', async () => {
    const person = await makeSpeaker(ctx.prisma, { kind: 'person' });
    const government = await makeSpeaker(ctx.prisma, { kind: 'government' });
    const topic = await makeTopic(ctx.prisma);
    const other = await makeTopic(ctx.prisma);
    const a = await say(person.slug, 'Filterable statement alpha.', {
      kind: 'quote',
      said_on: '2024-03-10',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const b = await say(government.slug, 'Filterable statement beta.', {
      kind: 'official_position',
      language: 'fr',
      said_on: '2025-08',
      positions: [
        { topic: topic.slug, stance: 'opposes' },
        { topic: other.slug, stance: 'supports' },
      ],
    });
    const c = await say(government.slug, 'Filterable statement gamma.', {
      kind: 'paraphrase',
      said_on: '2025-08-20',
      original_text: 'Déclaration filtrable',
      original_language: 'fr-CA',
    });
    const d = await say(person.slug, 'Filterable statement delta, undated.', { said_on: undefined });
    const find = async (filters: Record<string, string>) => (await foundIds({ q: 'filterable', ...filters })).sort();

    expect(await find({})).toEqual([a, b, c, d].sort());
    expect(await find({ speaker: person.slug })).toEqual([a, d].sort());
    expect(await find({ speaker_kind: 'government' })).toEqual([b, c].sort());
    expect(await find({ topic: topic.slug })).toEqual([a, b].sort());
    expect(await find({ topic: topic.slug, stance: 'supports' })).toEqual([a]);
    expect(await find({ stance: 'supports' })).toEqual([a, b].sort());
    expect(await find({ topic: other.slug, stance: 'opposes' })).toEqual([]);
    expect(await find({ kind: 'paraphrase' })).toEqual([c]);
    expect(await find({ language: 'fr' })).toEqual([b, c].sort());
    expect(await find({ language: 'fr-CA' })).toEqual([c]);
    expect(await find({ from: '2025' })).toEqual([b, c].sort());
    expect(await find({ to: '2024' })).toEqual([a]);
    expect(await find({ from: '2025-08-02', to: '2025-08-20' })).toEqual([c]);
    expect(await find({ from: '2024-03-10', to: '2024-03-10' })).toEqual([a]);
    expect(await find({ from: '2025-08', to: '2025-08' })).toEqual([b, c].sort());
    expect(await find({ speaker: government.slug, topic: topic.slug, kind: 'official_position' })).toEqual([b]);
  });

  test('when only filters are given, then every statement that fits is listed newest first', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const old = await say(s.slug, 'First words.', { said_on: '2023' });
    const recent = await say(s.slug, 'Later words.', { said_on: '2025-02-01' });
    const undated = await say(s.slug, 'Undated words.', { said_on: undefined });

    const res = await api({ speaker: s.slug });
    expect(res.body.data.map((d: { id: number }) => d.id)).toEqual([recent, old, undated]);
    expect(res.body.search.order).toBe('newest');
  });
});

describe('the topic filter', () => {
  test('when the topic is typed by name, then the search keeps to it, the field keeps the name, and recent topics are suggested', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const harbours = await makeTopic(ctx.prisma, { name: 'Harbour Fees' });
    const onTopic = await say(s.slug, 'Tollgate words here.', { positions: [{ topic: harbours.slug, stance: 'opposes' }] });
    await say(s.slug, 'Tollgate words elsewhere.');

    const res = await page({ q: 'tollgate', topic: 'harbour fees' });

    expect(res.status).toBe(200);
    expect([...res.text.matchAll(/href="\/statements\/(\d+)">Permalink/g)].map((m) => Number(m[1]))).toEqual([onTopic]);
    expect(res.text).toContain('id="search-topic" name="topic" value="harbour fees"');
    expect(res.text).toMatch(/<datalist id="search-topic-suggestions">[^]*<option value="Harbour Fees">/);
  });
});

describe('highlighting', () => {
  test('when the text holds HTML, then the page shows it escaped with the match marked', async () => {
    const s = await makeSpeaker(ctx.prisma);
    await say(s.slug, '<script>alert(1)</script> <b onmouseover="x()">harbour</b> & "quotes"');

    const res = await page({ q: 'harbour' });

    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<b onmouseover');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toMatch(
      /&lt;b onmouseover&#61;&quot;x\(\)&quot;&gt;<mark>harbour<\/mark>&lt;\/b&gt; &amp; &quot;quotes&quot;/,
    );
  });

  test('when the stored text holds the marker characters, then they mark nothing', async () => {
    const s = await makeSpeaker(ctx.prisma);
    await say(s.slug, 'Fake \uE000marks\uE001 around the ferryboat.');

    const res = await api({ q: 'ferryboat' });

    expect(res.body.data[0].headline).toBe('Fake marks around the ferryboat.');
    expect(res.body.data[0].headline_html).toBe('Fake marks around the <mark>ferryboat</mark>.');
    expect(res.body.data[0].highlights).toEqual([[22, 31]]);
    const filtered = await api({ speaker: s.slug });
    expect(filtered.body.data[0].headline_html).toBe('Fake marks around the ferryboat.');
  });
  test('when a long text matches, then the headline is an excerpt around the matches, marked as cut', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const filler = 'Many words about other matters follow here. '.repeat(40);
    await say(s.slug, `${filler}The windmill must stay. ${filler}`);

    const res = await page({ q: 'windmill' });

    expect(res.text).toMatch(/<blockquote lang="en" dir="ltr">… [^<]*<mark>windmill<\/mark>[^<]* …<\/blockquote>/);
    expect((await api({ q: 'windmill' })).body.data[0].headline.length).toBeLessThan(600);
  });
});

describe('the search page', () => {
  test('when nothing is asked, then the page shows the form and the tips', async () => {
    const res = await page({});

    expect(res.status).toBe(200);
    expect(res.text).toContain('<form class="filters search-form"');
    expect(res.text).toContain('How to search');
    expect(res.text).toContain('<kbd>"separate region"</kbd>');
    expect(res.text).not.toContain('id="results"');
  });

  test('when results span pages, then the page links keep every filter', async () => {
    const s = await makeSpeaker(ctx.prisma, { kind: 'organisation' });
    for (const day of ['01', '02', '03']) await say(s.slug, `Pagination pebble ${day}.`, { said_on: `2025-03-${day}` });

    const first = await page({
      q: 'pebble',
      speaker: s.slug,
      speaker_kind: 'organisation',
      from: '2025',
      sort: 'newest',
      limit: '2',
    });
    const next = hrefs(first.text).find((h) => h.includes('page=2'))!;

    expect(next).toBeDefined();
    const url = new URL(next, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'pebble',
      speaker: s.slug,
      speaker_kind: 'organisation',
      from: '2025',
      sort: 'newest',
      limit: '2',
      page: '2',
    });
    const second = await request(ctx.app).get(next);
    expect(second.text).toContain('Pagination <mark>pebble</mark> 01.');
    expect(second.text).not.toContain('<mark>pebble</mark> 03.');
  });

  test('when searching from a speaker’s page, then the results say whose statements they are and offer to widen', async () => {
    const s = await makeSpeaker(ctx.prisma, { name: 'Widening Ministry' });
    const other = await makeSpeaker(ctx.prisma);
    await say(s.slug, 'Our vineyard policy.');
    await say(other.slug, 'Their vineyard policy.');
    const profile = await request(ctx.app).get(`/speakers/${s.slug}`);
    expect(profile.text).toContain(`<input type="hidden" name="speaker" value="${s.slug}">`);

    const res = await page({ q: 'vineyard', speaker: s.slug });

    expect(res.text).toContain('Results in Widening Ministry’s statements');
    expect(res.text).toContain('1 statement matches.');
    expect(hrefs(res.text)).toContain('/search?q=vineyard');
  });

  test('when searching from a topic’s page, then the topic is kept and can be dropped', async () => {
    const topic = await makeTopic(ctx.prisma, { name: 'Orchard rights' });
    const profile = await request(ctx.app).get(`/topics/${topic.slug}`);
    expect(profile.text).toContain(`<input type="hidden" name="topic" value="${topic.slug}">`);

    const res = await page({ q: 'apple', topic: topic.slug });

    expect(res.status).toBe(200);
    expect(res.text).toContain('Results on Orchard rights');
    expect(hrefs(res.text)).toContain('/search?q=apple');
  });

  test('when a speaker is typed by name on the page, then it is found as by its slug', async () => {
    const s = await makeSpeaker(ctx.prisma, { name: 'Named Typist' });
    const id = await say(s.slug, 'Typewriter noise.');

    const res = await page({ q: 'typewriter', speaker: 'named typist' });

    expect(res.status).toBe(200);
    expect(res.text).toContain(`/statements/${id}`);
  });

  test.each([
    [{ from: '2025-13' }, 'from', 'From must be a real date written YYYY, YYYY-MM or YYYY-MM-DD'],
    [{ from: '2025', to: '2024' }, 'to', 'To must not be before From'],
    [{ stance: 'loves' }, 'stance', 'Filter by supports, opposes, neutral, mixed or unclear'],
    [{ speaker_kind: 'king' }, 'speaker-kind', 'Filter by person, government'],
    [{ language: 'english!' }, 'language', 'Use a language code such as en, ar or fr-CA'],
    [{ speaker: 'nobody-at-all' }, 'speaker', 'No speaker called &quot;nobody-at-all&quot; is on record'],
    [{ topic: 'no-such-topic' }, 'topic', 'No topic has the name or the slug &quot;no-such-topic&quot;'],
    [{ q: '-alone' }, 'q', 'Add a word to look for, besides the words to leave out'],
    [{ sort: 'random' }, 'sort', 'Sort by relevance or newest'],
  ])(
    'when the page gets %j, then it answers 422 with the message beside the field',
    async (query: Record<string, string>, field, message) => {
      const typed = { q: 'anything', ...query };
      const res = await page(typed);

      expect(res.status).toBe(422);
      expect(res.text).toContain(`<p class="field-error" id="search-${field}-error">${message}`);
      expect(res.text).toContain(`value="${typed.q}"`);
      expect(res.text).not.toContain('id="results"');
    },
  );
});

describe('searchStatements (for feeds and other callers)', () => {
  test('when called directly, then it returns typed rows with rank and marked headline', async () => {
    const s = await makeSpeaker(ctx.prisma);
    const id = await say(s.slug, 'The caravan arrived.');

    const result = await searchStatements(ctx.prisma, searchParams.parse({ q: 'caravan' }), { page: 1, limit: 10 });

    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ id, speaker: { slug: s.slug }, headline: 'The \uE000caravan\uE001 arrived.' });
    expect(result.hits[0]!.rank).toBeGreaterThan(0);
  });
});
