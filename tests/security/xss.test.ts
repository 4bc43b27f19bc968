import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { useTestApp } from '../support/test-app';
import { ATTACK, hostile, scriptProblems, shownText } from './support';

// Stored XSS through the API: every text field of a speaker, a topic and a
// statement (and a statement it rejects) holds markup, template text and a
// title break-out; every page, feed, CSV and JSON answer that shows them is
// then read as an attacker hopes a browser would.

const ctx = useTestApp();
const r = { speaker: '', topic: '', newTopic: '', statement: 0, target: 0 };
const URL_WITH_MARKUP = 'https://example.org/"><script>alert(1)</script>';
const ARCHIVE_WITH_MARKUP = "https://example.org/?q=<img src=x onerror=alert(1)>&x=' onmouseover='alert(2)";

beforeAll(async () => {
  const speaker = await ctx.editor
    .post('/api/v1/speakers')
    .send({
      name: hostile('name'),
      kind: 'person',
      description: hostile('description', true),
      country: hostile('country'),
      aliases: [hostile('alias')],
    })
    .expect(201);
  const topic = await ctx.editor
    .post('/api/v1/topics')
    .send({ name: hostile('topic'), description: hostile('topic description', true) })
    .expect(201);
  const statement = (overrides: object) => ({
    speaker: speaker.body.slug,
    kind: 'quote',
    text: hostile('text', true),
    language: 'en',
    said_on: '2025-08',
    positions: [{ topic: topic.body.slug, stance: 'supports' }],
    allow_duplicate: true,
    ...overrides,
  });
  const target = await ctx.editor
    .post('/api/v1/statements')
    .send(statement({ text: hostile('target text', true), source_unknown: true }))
    .expect(201);
  const main = await ctx.editor
    .post('/api/v1/statements')
    .send(
      statement({
        original_text: hostile('original', true),
        original_language: 'ar',
        context: hostile('context', true),
        place: hostile('place'),
        attribution: hostile('attribution'),
        sources: [
          { publisher: hostile('publisher'), title: hostile('title'), url: URL_WITH_MARKUP, archived_url: ARCHIVE_WITH_MARKUP },
        ],
        positions: [
          { topic: topic.body.slug, stance: 'opposes' },
          { topic: { name: hostile('new topic'), description: hostile('new topic description') }, stance: 'mixed' },
        ],
        relations: [{ kind: 'rejects', statement_id: target.body.id }],
      }),
    )
    .expect(201);
  // An edit, so that the history pages show a diff of hostile text too.
  await ctx.editor
    .put(`/api/v1/speakers/${speaker.body.slug}`)
    .send({
      name: hostile('name'),
      kind: 'person',
      description: hostile('edited description'),
      country: hostile('country'),
      aliases: [hostile('alias')],
      version: 1,
    })
    .expect(200);
  const newTopic = await ctx.prisma.topic.findFirstOrThrow({ where: { name: hostile('new topic') } });
  Object.assign(r, {
    speaker: speaker.body.slug,
    topic: topic.body.slug,
    newTopic: newTopic.slug,
    statement: main.body.id,
    target: target.body.id,
  });
});

/** Each page (`:speaker` and the like stand for the records above) and the fields it is meant to show; `ATTACK` alone where text is cut or highlighted. */
const PAGES: [path: string, shows: string[]][] = [
  [
    '/statements/:statement',
    ['text', 'original', 'context', 'place', 'attribution', 'publisher', 'title', 'name', 'topic', 'new topic', 'target text'],
  ],
  ['/statements/:target', ['target text', 'name', 'topic', 'text']],
  ['/speakers/:speaker', ['name', 'edited description', 'country', 'alias', 'topic']],
  ['/topics/:topic', ['topic', 'topic description', 'name']],
  ['/topics/:newTopic', ['new topic', 'new topic description', 'name']],
  ['/', ['name']],
  ['/speakers', ['name', 'country']],
  ['/topics', ['topic', 'topic description']],
  ['/statements?speaker=:speaker', ['text', 'name', 'topic', 'publisher', 'title']],
  ['/search?q=alert', [ATTACK]],
  ['/search?speaker=:speaker', ['name', ATTACK]],
  ['/speakers/:speaker/topics/:topic', ['name', 'topic', 'text']],
  ['/statements/:statement/history', ['text', 'context', 'publisher']],
  ['/speakers/:speaker/history', ['name', ATTACK]],
  ['/topics/:topic/history', ['topic', 'topic description']],
];
/** The elements an entry's HTML is built of. */
const FEED_ELEMENTS = ['div', 'p', 'blockquote', 'ul', 'li', 'a', 'q', 'cite', 'strong', 'em', 'span', 'time'];
const address = (path: string) =>
  path
    .replace(':attack', encodeURIComponent(ATTACK))
    .replace(/:(speaker|topic|newTopic|statement|target)\b/g, (_, k: keyof typeof r) => String(r[k]));

describe('pages showing stored markup', () => {
  test.each(PAGES)(
    'when %s is read, anonymously and by an editor, then each hostile field is shown as text and nothing could run',
    async (path, shows) => {
      for (const client of [request(ctx.app), ctx.editor]) {
        const res = await client.get(address(path)).expect(200);

        expect(scriptProblems(res.text)).toEqual([]);
        const text = shownText(res.text);
        expect(
          shows.filter(
            (field) => !text.includes(field === ATTACK ? ATTACK : hostile(field)) && !text.includes(hostile(field, true)),
          ),
        ).toEqual([]);
      }
    },
  );

  test.each([
    ['/statements/:statement/edit', ['text', 'original', 'context', 'place', 'attribution', 'publisher', 'title']],
    ['/speakers/:speaker/edit', ['name', 'edited description', 'country', 'alias']],
    ['/topics/:topic/edit', ['topic', 'topic description']],
    ['/statements/new?speaker=:speaker&topic=:topic', ['name']],
    ['/speakers/:speaker/merge?into=:speaker', ['name']],
  ])('when the form %s is opened on hostile records, then every value is escaped inside its field', async (path, shows) => {
    const res = await ctx.editor.get(address(path));

    expect(scriptProblems(res.text)).toEqual([]);
    const text = shownText(res.text);
    expect(shows.filter((field) => !text.includes(hostile(field)) && !text.includes(hostile(field, true)))).toEqual([]);
  });

  test('when the compare grid is read, then it shows the markup as text; its CSV is a download holding the words exactly', async () => {
    const page = await request(ctx.app).get(`/compare?topics=${r.topic}&speakers=${r.speaker}`).redirects(1).expect(200);
    expect(scriptProblems(page.text)).toEqual([]);
    expect(shownText(page.text)).toContain(hostile('name'));

    const csv = await request(ctx.app).get(`/compare.csv?topics=${r.topic}&speakers=${r.speaker}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; /);
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
    const cells = (parse(csv.text) as string[][]).flat();
    expect(cells).toContain(hostile('name'));
    expect(cells.some((cell) => cell.startsWith(hostile('topic')))).toBe(true);
  });

  test('when a page is served, then its Content-Security-Policy forbids inline and foreign scripts, plugins, framing and base changes', async () => {
    const res = await request(ctx.app).get(`/statements/${r.statement}`).expect(200);

    const policy = Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'self'"]);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('feeds and JSON', () => {
  test.each([
    '/speakers/:speaker/feed.atom',
    '/topics/:topic/feed.atom',
    '/search/feed.atom?q=alert',
    '/search/feed.atom?q=:attack',
  ])(
    'when the feed %s is read, then its HTML content holds the markup only as text and its other elements are typed as text',
    async (path) => {
      const res = await request(ctx.app).get(address(path)).expect(200);

      expect(res.text).not.toContain('<script>alert');
      const doc = new DOMParser().parseFromString(res.text, 'application/xml');
      const contents = Array.from(doc.getElementsByTagName('content'));
      expect(contents.length).toBeGreaterThan(0);
      for (const content of contents) {
        expect(content.getAttribute('type')).toBe('html');
        // What a feed reader renders as HTML: its elements and attributes, and its text.
        const html = new DOMParser().parseFromString(`<div>${content.textContent ?? ''}</div>`, 'text/xml');
        const elements = Array.from(html.getElementsByTagName('*'));
        expect(elements.map((e) => e.localName).filter((n) => !FEED_ELEMENTS.includes(n ?? ''))).toEqual([]);
        const attributes = elements.flatMap((e) => Array.from(e.attributes).map((a) => `${a.name}=${a.value}`));
        expect(attributes.filter((a) => /^on|^\w+=\s*(javascript|data|vbscript):/i.test(a))).toEqual([]);
        expect(html.documentElement!.textContent).toContain(ATTACK);
      }
      for (const name of ['title', 'summary', 'name'])
        for (const el of Array.from(doc.getElementsByTagName(name)))
          expect([name, el.getAttribute('type')]).not.toEqual([name, 'html']);
    },
  );

  test('when the API returns hostile records, then it is JSON the browser will not sniff as HTML, holding the words exactly', async () => {
    const statement = await request(ctx.app).get(`/api/v1/statements/${r.statement}`).expect(200);
    const speaker = await request(ctx.app).get(`/api/v1/speakers/${r.speaker}`).expect(200);

    for (const res of [statement, speaker]) {
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(statement.body).toMatchObject({
      text: hostile('text', true),
      context: hostile('context', true),
      place: hostile('place'),
    });
    expect(statement.body.sources[0]).toMatchObject({ url: URL_WITH_MARKUP, archived_url: ARCHIVE_WITH_MARKUP });
    expect(speaker.body).toMatchObject({ name: hostile('name'), country: hostile('country') });
  });

  test('when the search API returns highlighted headlines, then their HTML is escaped around the marks', async () => {
    const res = await request(ctx.app).get('/api/v1/search?q=alert').expect(200);

    const html = (res.body.data as { headline_html: string; original_headline_html: string | null }[]).flatMap((d) => [
      d.headline_html,
      d.original_headline_html ?? '',
    ]);
    expect(html.length).toBeGreaterThan(0);
    for (const h of html) expect(scriptProblems(h)).toEqual([]);
    expect(html.join(' ')).toContain('<mark>alert</mark>');
  });
});
