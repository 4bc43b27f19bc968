import request from 'supertest';
import { headlineHtml, headlinePlain, headlineRanges } from '../src/search/highlight';
import { parseSearchQuery } from '../src/search/search.query';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { useTestApp } from './support/test-app';

const ctx = useTestApp();

const api = (query: Record<string, string | string[]>) => request(ctx.app).get('/api/v1/search').query(query);

describe('GET /api/v1/search', () => {
  let speaker: { slug: string; name: string };
  let topic: { slug: string; name: string };
  const ids: number[] = [];
  beforeAll(async () => {
    speaker = await makeSpeaker(ctx.prisma, { name: 'Api Ministry', kind: 'government' });
    topic = await makeTopic(ctx.prisma, { name: 'Api topic' });
    for (const [day, text] of [
      ['01', 'The canal must stay open.'],
      ['02', 'The canal, the canal, the canal.'],
      ['03', 'A canal and a bridge.'],
    ] as const) {
      const { id } = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text,
        said_on: `2025-05-${day}`,
        context: 'Press briefing',
        positions: [{ topic: topic.slug, stance: 'supports', strength: 2 }],
      });
      ids.push(id);
    }
  });

  test('when words match, then the answer is a page of snake_case hits with headlines', async () => {
    const res = await api({ q: 'bridge' });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        {
          id: ids[2],
          url: `/statements/${ids[2]}`,
          speaker: { slug: speaker.slug, name: 'Api Ministry', kind: 'government' },
          kind: 'quote',
          text: 'A canal and a bridge.',
          language: 'en',
          original_text: null,
          original_language: null,
          said_on: '2025-05-03',
          said_on_precision: 'day',
          positions: [{ topic: { slug: topic.slug, name: 'Api topic' }, stance: 'supports', strength: 2 }],
          rank: expect.any(Number),
          headline: 'A canal and a bridge.',
          highlights: [[14, 20]],
          headline_html: 'A canal and a <mark>bridge</mark>.',
          original_headline: null,
          original_highlights: null,
          original_headline_html: null,
        },
      ],
      pagination: { page: 1, limit: 20, next_page: null },
      search: {
        order: 'relevance',
        matches: 1,
        matches_capped: false,
        ranking_skipped: false,
        speaker: null,
        topic: null,
      },
    });
  });

  test('when there are more matches than the limit, then next_page says so and page 2 holds the rest', async () => {
    const first = await api({ q: 'canal', limit: '2' });
    const second = await api({ q: 'canal', limit: '2', page: '2' });

    expect(first.body.pagination).toEqual({ page: 1, limit: 2, next_page: 2 });
    expect(first.body.data[0].id).toBe(ids[1]);
    expect(second.body.pagination).toEqual({ page: 2, limit: 2, next_page: null });
    expect([...first.body.data, ...second.body.data].map((d: { id: number }) => d.id).sort()).toEqual([...ids].sort());
  });

  test('when a speaker and a topic are given, then the answer names them', async () => {
    const res = await api({ q: 'canal', speaker: speaker.slug, topic: topic.slug });

    expect(res.body.search.speaker).toEqual({ slug: speaker.slug, name: 'Api Ministry' });
    expect(res.body.search.topic).toEqual({ slug: topic.slug, name: 'Api topic' });
    expect(res.body.data).toHaveLength(3);
  });

  test('when nothing is asked, then the list is empty', async () => {
    const res = await api({});

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  test.each([
    [{ from: '2025-02-30' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2025-06', to: '2025-05' }, 'to'],
    [{ stance: 'loves' }, 'stance'],
    [{ kind: 'tweet' }, 'kind'],
    [{ speaker_kind: 'king' }, 'speaker_kind'],
    [{ language: '<script>' }, 'language'],
    [{ sort: 'random' }, 'sort'],
    [{ speaker: 'no-such-speaker' }, 'speaker'],
    [{ topic: 'no-such-topic' }, 'topic'],
    [{ q: ['canal', 'bridge'] }, 'q'],
    [{ q: 'x'.repeat(501) }, 'q'],
    [{ q: Array.from({ length: 25 }, (_, i) => `word${i}`).join(' ') }, 'q'],
    [{ q: '-canal -bridge' }, 'q'],
    [{ speaker: ['a', 'b'] }, 'speaker'],
  ])('when the query is %j, then the answer is 422 naming the field', async (query, field) => {
    const res = await api(query);

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  test('when the page and the API get the same search, then they list the same statements in the same order', async () => {
    const queries: Record<string, string>[] = [
      { q: 'canal' },
      { q: 'canal -bridge' },
      { speaker: speaker.slug },
      { q: 'briefing OR bridge', sort: 'newest' },
    ];
    for (const query of queries) {
      const json = await api(query);
      const html = await request(ctx.app).get('/search').query(query);
      const onPage = [...html.text.matchAll(/class="permalink" href="\/statements\/(\d+)"/g)].map((m) => Number(m[1]));
      expect(onPage).toEqual(json.body.data.map((d: { id: number }) => d.id));
      expect(onPage.length).toBeGreaterThan(0);
    }
  });
});

describe('parseSearchQuery', () => {
  test.each([
    [
      'separate region',
      [[{ text: 'separate', negated: false, phrase: false }], [{ text: 'region', negated: false, phrase: false }]],
    ],
    ['"separate region"', [[{ text: 'separate region', negated: false, phrase: true }]]],
    [
      'a b OR c d',
      [
        [{ text: 'a', negated: false, phrase: false }],
        [
          { text: 'b', negated: false, phrase: false },
          { text: 'c', negated: false, phrase: false },
        ],
        [{ text: 'd', negated: false, phrase: false }],
      ],
    ],
    [
      'druze -"separate region" -x',
      [
        [{ text: 'druze', negated: false, phrase: false }],
        [{ text: 'separate region', negated: true, phrase: true }],
        [{ text: 'x', negated: true, phrase: false }],
      ],
    ],
    ['al-Hijri', [[{ text: 'al-Hijri', negated: false, phrase: false }]]],
    ['OR druze or', [[{ text: 'druze', negated: false, phrase: false }]]],
    ['"unclosed phrase', [[{ text: 'unclosed phrase', negated: false, phrase: true }]]],
    ['!!! -- "" - ?', []],
  ])('when the query is %j, then it parses as websearch_to_tsquery reads it', (input, expected) => {
    expect(parseSearchQuery(input)).toEqual(expected);
  });
});

describe('headlines', () => {
  const marked = 'a <b>\uE000x & y\uE001</b> "z" \uE000w';

  test('when a headline is made HTML, then everything is escaped and the marks are balanced', () => {
    expect(headlineHtml(marked)).toBe('a &lt;b&gt;<mark>x &amp; y</mark>&lt;/b&gt; &quot;z&quot; <mark>w</mark>');
    expect(headlineHtml('\uE001stray\uE000\uE000 twice\uE001\uE001')).toBe('stray<mark> twice</mark>');
  });

  test('when a headline is made plain, then the marks become ranges over the plain text', () => {
    expect(headlinePlain(marked)).toBe('a <b>x & y</b> "z" w');
    expect(headlineRanges(marked)).toEqual([
      [5, 10],
      [19, 20],
    ]);
    expect(headlineRanges('\uE000😀\uE001')).toEqual([[0, 2]]);
  });
});

describe('search against hostile input', () => {
  const PARAMS = ['q', 'speaker', 'speaker_kind', 'topic', 'stance', 'kind', 'language', 'from', 'to', 'sort', 'page', 'limit'];
  const long = (n: number) => 'ü'.repeat(n / 2) + 'x'.repeat(n / 2);
  const QUERIES = [
    ...PARAMS.map((p) => `${p}=a&${p}=b`),
    ...PARAMS.map((p) => `${p}[a]=b`),
    ...PARAMS.map((p) => `${p}[]=2&${p}[]=3`),
    PARAMS.map((p) => `${p}=${encodeURIComponent(long(200))}`).join('&'),
    ...PARAMS.map((p) => `${p}=${'x'.repeat(5_000)}`),
    ...['"', '-', '--x', 'OR', 'OR OR x', '!!!', 'x:*', 'x&y|!z', "'", '\\', 'a <-> b', '(x', '"x" -"', '- "', '%00'].map(
      (q) => `q=${encodeURIComponent(q)}`,
    ),
    ...['%E0%A4%A', '%', '%ED%A0%80', '%FF%FE', '%E2%80%8F%D8%A7', 'e%CC%81%CC%81%CC%81'].map(
      (v) => `q=${v}&from=${v}&language=${v}`,
    ),
    `q=${Array.from({ length: 24 }, (_, i) => `"w${i} x"`).join('%20')}`,
    'from=0999&to=9999-12-31',
    'from=2025-02-29',
    '',
  ];

  test.each(['/search', '/api/v1/search'])(
    'when %s is asked with repeated, nested, huge or badly encoded parameters, then every answer is clear, never a 500',
    async (route) => {
      const problems: string[] = [];
      for (const query of QUERIES) {
        const res = await request(ctx.app).get(`${route}?${query}`);
        const type = String(res.headers['content-type'] ?? '');
        const wanted = route.startsWith('/api/') ? 'application/json' : 'text/html';
        if (res.status >= 500 || !type.startsWith(wanted)) problems.push(`?${query.slice(0, 60)} → ${res.status} ${type}`);
      }
      expect(problems).toEqual([]);
    },
  );
});
