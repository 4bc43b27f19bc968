import { execFileSync } from 'node:child_process';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { feedsRoutes } from '../src/feeds/feeds.routes';
import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { hrefs } from './support/html';
import { ARABIC, XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

const ATOM = 'http://www.w3.org/2005/Atom';
/** Every statement needs a stance on some topic; this one is created before each test. */
const MISC = [{ topic: 'misc', stance: 'neutral' }];

/** Parses with a real XML parser that fails on any error or warning (not well-formed, bad character, bad entity). */
function parseXml(xml: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      // xmldom warns of U+FFFD, which is what forbidden characters are replaced with.
      if (!message.includes('Unicode replacement character')) problems.push(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
  expect(problems).toEqual([]);
  return doc;
}

const children = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ATOM && (n as Element).localName === name,
  );
const child = (el: Element, name: string): Element | undefined => children(el, name)[0];
const text = (el: Element, name: string): string | undefined => child(el, name)?.textContent ?? undefined;
const isAbsolute = (url: string | null | undefined) => /^https?:\/\/[^/]+/.test(url ?? '');
const isDateTime = (value: string | undefined) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value ?? '');

/** Every element RFC 4287 requires of a feed and of each entry (§4.1.1, §4.1.2), with absolute links. */
function expectValidAtom(doc: Document): { feed: Element; entries: Element[] } {
  const feed = doc.documentElement!;
  expect(feed.namespaceURI).toBe(ATOM);
  expect(feed.localName).toBe('feed');
  expect(children(feed, 'id')).toHaveLength(1);
  expect(isAbsolute(text(feed, 'id'))).toBe(true);
  expect(children(feed, 'title')).toHaveLength(1);
  expect(text(feed, 'title')).not.toBe('');
  expect(children(feed, 'updated')).toHaveLength(1);
  expect(isDateTime(text(feed, 'updated'))).toBe(true);
  expect(text(child(feed, 'author')!, 'name')).toBe('On Record');
  const links = children(feed, 'link');
  const self = links.filter((l) => l.getAttribute('rel') === 'self');
  const alternate = links.filter((l) => l.getAttribute('rel') === 'alternate');
  expect(self).toHaveLength(1);
  expect(alternate).toHaveLength(1);
  expect(isAbsolute(self[0]!.getAttribute('href'))).toBe(true);
  expect(isAbsolute(alternate[0]!.getAttribute('href'))).toBe(true);
  const entries = children(feed, 'entry');
  for (const entry of entries) {
    expect(children(entry, 'id')).toHaveLength(1);
    expect(isAbsolute(text(entry, 'id'))).toBe(true);
    expect(children(entry, 'title')).toHaveLength(1);
    expect(isDateTime(text(entry, 'updated'))).toBe(true);
    expect(isDateTime(text(entry, 'published'))).toBe(true);
    const link = children(entry, 'link').find((l) => l.getAttribute('rel') === 'alternate');
    expect(isAbsolute(link?.getAttribute('href'))).toBe(true);
    expect(text(child(entry, 'author')!, 'name')).toBeTruthy();
    expect(child(entry, 'content')?.getAttribute('type')).toBe('html');
  }
  return { feed, entries };
}

/** RFC 4287's RELAX NG schema, checked by libxml2 (tests/support/validate-atom.mjs): the errors, none when valid. */
function schemaErrors(xml: string): string[] {
  const script = path.join(__dirname, 'support', 'validate-atom.mjs');
  const [errors] = JSON.parse(
    execFileSync(process.execPath, [script], { input: JSON.stringify([xml]), encoding: 'utf8' }),
  ) as string[][];
  return errors!;
}

/** Fetches a feed as text; every feed answered 200 must validate against the Atom schema. */
async function getFeed(app: express.Express, path: string) {
  const res = await request(app)
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (body += chunk));
      r.on('end', () => done(null, body));
    });
  return { res, xml: res.body as string };
}

describe('the Atom feeds', () => {
  const ctx = useTestApp();
  beforeEach(async () => {
    await emptyTables(ctx.prisma);
    await makeTopic(ctx.prisma, { name: 'Misc' });
  });

  test('when a document breaks the Atom schema, then the schema check reports it (so the check can fail)', () => {
    const broken = '<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title><updated>yesterday</updated></feed>';

    expect(schemaErrors(broken).join('\n')).toContain("dateTime doesn't allow value 'yesterday'");
  });

  describe('GET /speakers/:slug/feed.atom', () => {
    test('when a speaker has statements, then the feed is valid Atom with one entry each, most recently recorded first', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      const other = await makeSpeaker(ctx.prisma, { name: 'Someone Else' });
      const topic = await makeTopic(ctx.prisma, { name: 'Northern secession' });
      const first = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: 'Recorded first, said last.',
        said_on: '2025-09-03',
        positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
        sources: [{ publisher: 'The Gazette', title: 'Reactions', url: 'https://example.org/r', published_on: '2025-09' }],
      });
      const second = await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: 'Recorded second, said in 2019.',
        said_on: '2019',
        positions: MISC,
      });
      await makeStatement(ctx.prisma, { speaker: other.slug, text: 'Not theirs.', positions: MISC });

      const { res, xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(text(feed, 'title')).toBe('Statements by Saudi Arabia · On Record');
      expect(text(feed, 'id')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/speakers\/saudi-arabia\/feed\.atom$/);
      expect(
        children(feed, 'link')
          .find((l) => l.getAttribute('rel') === 'alternate')!
          .getAttribute('href'),
      ).toMatch(/\/speakers\/saudi-arabia$/);
      expect(entries.map((e) => text(e, 'id')!.replace(/^.*\/statements\//, ''))).toEqual([String(second.id), String(first.id)]);
      const older = entries[1]!;
      expect(text(older, 'title')).toBe('Saudi Arabia: “Recorded first, said last.”');
      expect(text(child(older, 'author')!, 'name')).toBe('Saudi Arabia');
      expect(children(older, 'category').map((c) => [c.getAttribute('term'), c.getAttribute('label')])).toEqual([
        ['northern-secession', 'Northern secession'],
      ]);
      const content = text(older, 'content')!;
      expect(content).toContain('Recorded first, said last.');
      expect(content).toContain('<time datetime="2025-09-03">3 September 2025</time>');
      expect(content).toContain('Strongly opposes: <a href="http://');
      expect(content).toContain('The Gazette, “Reactions”');
      expect(text(entries[0]!, 'content')).toContain('<time datetime="2019">2019</time>');
    });

    test('when a speaker has more than 50 statements, then the feed holds the 50 recorded last', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Prolific' });
      const ids: number[] = [];
      for (let i = 0; i < 52; i++)
        ids.push(
          (
            await makeStatement(ctx.prisma, {
              speaker: speaker.slug,
              text: `Number ${i}`,
              positions: MISC,
              sources: [],
              source_unknown: true,
            })
          ).id,
        );

      const { xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      const { entries } = expectValidAtom(parseXml(xml));
      expect(entries).toHaveLength(50);
      expect(text(entries[0]!, 'summary')).toBe('Number 51');
      expect(text(entries[49]!, 'summary')).toBe('Number 2');
    });

    test('when a speaker has no statement, then the feed is still valid, with no entry and the speaker’s updated time', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Silent One' });

      const { res, xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      expect(res.status).toBe(200);
      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(entries).toHaveLength(0);
      expect(text(feed, 'updated')).toBe(speaker.updatedAt.toISOString());
    });

    test('when the slug is unknown, then the answer is a readable 404', async () => {
      const res = await request(ctx.app).get('/speakers/nobody-here/feed.atom');

      expect(res.status).toBe(404);
      expect(res.text).toContain('No speaker with the slug');
    });
  });

  describe('GET /topics/:slug/feed.atom', () => {
    test('when statements take a stance on the topic, then only they are entries, titled with the stance, newest recorded first', async () => {
      const saudi = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      const topic = await makeTopic(ctx.prisma, { name: 'Northern secession' });
      const elsewhere = await makeTopic(ctx.prisma, { name: 'Elsewhere' });
      const opposes = await makeStatement(ctx.prisma, {
        speaker: saudi.slug,
        text: 'We will not accept any division of the country.',
        positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      });
      await makeStatement(ctx.prisma, { speaker: saudi.slug, positions: [{ topic: elsewhere.slug, stance: 'supports' }] });
      const neutral = await makeStatement(ctx.prisma, {
        speaker: saudi.slug,
        text: 'We are watching.',
        positions: [
          { topic: elsewhere.slug, stance: 'supports' },
          { topic: topic.slug, stance: 'neutral' },
        ],
      });

      const { res, xml } = await getFeed(ctx.app, `/topics/${topic.slug}/feed.atom`);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(text(feed, 'title')).toBe('Statements on Northern secession · On Record');
      expect(entries.map((e) => text(e, 'id')!.replace(/^.*\/statements\//, ''))).toEqual([
        String(neutral.id),
        String(opposes.id),
      ]);
      expect(entries.map((e) => text(e, 'title'))).toEqual([
        'Saudi Arabia is neutral: “We are watching.”',
        'Saudi Arabia strongly opposes: “We will not accept any division of the country.”',
      ]);
      expect(children(entries[0]!, 'category').map((c) => c.getAttribute('term'))).toEqual(['elsewhere', 'northern-secession']);
    });

    test('when the slug is unknown, then the answer is a readable 404', async () => {
      const res = await request(ctx.app).get('/topics/no-such-topic/feed.atom');

      expect(res.status).toBe(404);
      expect(res.text).toContain('No topic with the slug');
    });
  });

  describe('GET /search/feed.atom', () => {
    test('when words and a filter are given, then the matching statements are entries, the most recently said first', async () => {
      const saudi = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      const other = await makeSpeaker(ctx.prisma, { name: 'Somebody Else', kind: 'person' });
      const older = await makeStatement(ctx.prisma, {
        speaker: saudi.slug,
        text: 'A ceasefire must hold.',
        said_on: '2025-01-02',
        positions: MISC,
      });
      const newer = await makeStatement(ctx.prisma, {
        speaker: saudi.slug,
        text: 'The ceasefire is broken.',
        said_on: '2025-06-01',
        positions: MISC,
      });
      await makeStatement(ctx.prisma, {
        speaker: saudi.slug,
        text: 'Nothing about that.',
        said_on: '2025-07-01',
        positions: MISC,
      });
      await makeStatement(ctx.prisma, { speaker: other.slug, text: 'Ceasefire now.', said_on: '2025-08-01', positions: MISC });

      const { res, xml } = await getFeed(ctx.app, `/search/feed.atom?q=ceasefire&speaker=${saudi.slug}`);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(schemaErrors(xml)).toEqual([]);
      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(text(feed, 'title')).toBe('Search “ceasefire” · On Record');
      const self = children(feed, 'link')
        .find((l) => l.getAttribute('rel') === 'self')!
        .getAttribute('href');
      expect(self).toMatch(/\/search\/feed\.atom\?q=ceasefire&speaker=saudi-arabia$/);
      const alternate = children(feed, 'link')
        .find((l) => l.getAttribute('rel') === 'alternate')!
        .getAttribute('href');
      expect(alternate).toMatch(/\/search\?q=ceasefire&speaker=saudi-arabia$/);
      expect(entries.map((e) => text(e, 'id')!.replace(/^.*\/statements\//, ''))).toEqual([String(newer.id), String(older.id)]);
    });

    test('when the search is empty or a filter is wrong, then the answer is 422 and no feed', async () => {
      const empty = await request(ctx.app).get('/search/feed.atom');
      expect(empty.status).toBe(422);
      const bad = await request(ctx.app).get('/search/feed.atom?q=x&from=2025-13');
      expect(bad.status).toBe(422);
      expect(bad.headers['content-type']).not.toContain('atom');
    });

    test('when a search has results, then its page links the feed of the same search in the head and visibly', async () => {
      const saudi = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
      await makeStatement(ctx.prisma, { speaker: saudi.slug, text: 'A ceasefire must hold.', positions: MISC });

      const res = await request(ctx.app).get('/search?q=ceasefire&sort=newest').expect(200);

      expect(res.text).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Search “ceasefire” (Atom)" href="/search/feed.atom?q&#x3D;ceasefire">',
      );
      expect(hrefs(res.text)).toContain('/search/feed.atom?q=ceasefire');
    });
  });

  describe('hostile and foreign text', () => {
    test('when names and words hold markup and ampersands, then they stay text in the XML and in the entry’s HTML', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: `A&B ${XSS}` });
      const topic = await makeTopic(ctx.prisma, { name: `Topic ${XSS} & co` });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: `Say ${XSS} & "quote" <img src=x onerror=alert(2)>`,
        positions: [{ topic: topic.slug, stance: 'supports' }],
        sources: [{ publisher: `Pub ${XSS}`, url: 'https://example.org/a?b=1&c=2' }],
      });

      for (const path of [`/speakers/${speaker.slug}/feed.atom`, `/topics/${topic.slug}/feed.atom`]) {
        const { xml } = await getFeed(ctx.app, path);

        expect(xml).not.toContain('<script>');
        expect(xml).not.toContain('<img');
        const { entries } = expectValidAtom(parseXml(xml));
        const [entry] = entries;
        expect(text(child(entry!, 'author')!, 'name')).toBe(`A&B ${XSS}`);
        expect(text(entry!, 'summary')).toBe(`Say ${XSS} & "quote" <img src=x onerror=alert(2)>`);
        expect(child(entry!, 'category')!.getAttribute('label')).toBe(`Topic ${XSS} & co`);
        // The content is HTML a reader renders: the markup typed must be escaped inside it.
        const html = text(entry!, 'content')!;
        expect(html).not.toContain('<script>');
        expect(html).not.toContain('<img');
        expect(html).toContain('Say &lt;script&gt;alert(1)&lt;/script&gt; &amp; "quote" &lt;img src=x onerror=alert(2)&gt;');
        expect(html).toContain('A&amp;B &lt;script&gt;');
        expect(html).toContain('href="https://example.org/a?b=1&amp;c=2"');
      }
    });

    test('when text looks like escaped markup or entities, then it comes back exactly as typed', async () => {
      const typed = 'Tom &amp; Jerry &lt;script&gt;alert(3)&lt;/script&gt; &nbsp; &#x41; &#65; AT&T';
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Entity &amp; Co' });
      await makeStatement(ctx.prisma, { speaker: speaker.slug, text: typed, positions: MISC });

      const { xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      const { entries } = expectValidAtom(parseXml(xml));
      expect(text(entries[0]!, 'summary')).toBe(typed);
      expect(text(child(entries[0]!, 'author')!, 'name')).toBe('Entity &amp; Co');
      const html = text(entries[0]!, 'content')!;
      expect(html).not.toContain('<script>');
      expect(html).toContain(
        'Tom &amp;amp; Jerry &amp;lt;script&amp;gt;alert(3)&amp;lt;/script&amp;gt; &amp;nbsp; &amp;#x41; &amp;#65; AT&amp;T',
      );
    });

    test('when stored text holds characters XML 1.0 forbids, then they are replaced and the feed stays well-formed', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Control\u0001 Speaker' });
      const { id } = await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: MISC });
      await ctx.prisma.statement.update({ where: { id }, data: { text: 'Bell\u0007 tab\tand\u000B vt \uFFFE \uFFFF end' } });

      const { res, xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      expect(res.status).toBe(200);
      const forbidden = Array.from(xml).filter((c) => {
        const code = c.codePointAt(0)!;
        return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0xfffe || code === 0xffff;
      });
      expect(forbidden).toEqual([]);
      const { entries } = expectValidAtom(parseXml(xml));
      expect(text(entries[0]!, 'summary')).toBe('Bell\uFFFD tab\tand\uFFFD vt \uFFFD \uFFFD end');
      expect(text(child(entries[0]!, 'author')!, 'name')).toBe('Control\uFFFD Speaker');
    });

    test('when a statement is a translation, then the entry’s HTML also gives the original words in their language', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Translated' });
      await makeStatement(ctx.prisma, {
        speaker: speaker.slug,
        text: 'We call on all free countries to stand with us.',
        original_text: ARABIC,
        original_language: 'ar',
        positions: MISC,
      });

      const { xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      const { entries } = expectValidAtom(parseXml(xml));
      expect(text(entries[0]!, 'content')).toContain(
        `<p>Original (ar):</p><blockquote dir="rtl" lang="ar">${ARABIC}</blockquote>`,
      );
    });

    test('when a statement is in Arabic, then its words round-trip with xml:lang and the entry’s HTML marks them right to left', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'حكمت الهجري' });
      await makeStatement(ctx.prisma, { speaker: speaker.slug, text: ARABIC, language: 'ar', positions: MISC });

      const { xml } = await getFeed(ctx.app, `/speakers/${speaker.slug}/feed.atom`);

      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(feed.getAttribute('xml:lang')).toBe('en');
      const summary = child(entries[0]!, 'summary')!;
      expect(summary.textContent).toBe(ARABIC);
      expect(summary.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang')).toBe('ar');
      expect(text(entries[0]!, 'title')).toBe(`حكمت الهجري: “${ARABIC}”`);
      expect(text(entries[0]!, 'content')).toContain(`<blockquote dir="rtl" lang="ar">${ARABIC}</blockquote>`);
    });
  });

  describe('HTTP', () => {
    test('when the feed has not changed, then a conditional GET answers 304', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Cached' });
      await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: MISC });
      const path = `/speakers/${speaker.slug}/feed.atom`;

      // supertest opens a new port for each request, so the Host (and the URLs in the feed) is fixed here.
      const get = () => request(ctx.app).get(path).set('Host', 'onrecord.test');

      const first = await get();
      const again = await get()
        .set('If-None-Match', first.headers.etag as string)
        .set('If-Modified-Since', first.headers['last-modified'] as string);
      await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: MISC });
      const changed = await get().set('If-None-Match', first.headers.etag as string);

      expect(first.headers['last-modified']).toBeTruthy();
      expect(again.status).toBe(304);
      expect(changed.status).toBe(200);
    });

    test('when PUBLIC_URL is configured, then every absolute URL starts with it rather than the request’s host', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Behind Proxy' });
      const { id } = await makeStatement(ctx.prisma, { speaker: speaker.slug, positions: MISC });
      const app = express().use(feedsRoutes(ctx.prisma, 'https://onrecord.example/'));

      const { xml } = await getFeed(app, `/speakers/${speaker.slug}/feed.atom`);

      const { feed, entries } = expectValidAtom(parseXml(xml));
      expect(text(feed, 'id')).toBe('https://onrecord.example/speakers/behind-proxy/feed.atom');
      expect(text(entries[0]!, 'id')).toBe(`https://onrecord.example/statements/${id}`);
      expect(xml).not.toContain('127.0.0.1');
    });
  });

  describe('the pages that offer the feeds', () => {
    test('when a speaker or topic page is shown, then its head links the feed and the page shows an “Atom feed” link', async () => {
      const speaker = await makeSpeaker(ctx.prisma, { name: 'Linked Speaker' });
      const topic = await makeTopic(ctx.prisma, { name: 'Linked Topic' });

      const speakerPage = await request(ctx.app).get(`/speakers/${speaker.slug}`);
      const topicPage = await request(ctx.app).get(`/topics/${topic.slug}`);

      expect(speakerPage.text).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Statements by Linked Speaker (Atom)" href="/speakers/linked-speaker/feed.atom">',
      );
      expect(topicPage.text).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Statements on Linked Topic (Atom)" href="/topics/linked-topic/feed.atom">',
      );
      expect(speakerPage.text).toMatch(/<a href="\/speakers\/linked-speaker\/feed\.atom"[^>]*>Atom feed<\/a>/);
      expect(topicPage.text).toMatch(/<a href="\/topics\/linked-topic\/feed\.atom"[^>]*>Atom feed<\/a>/);
      expect(hrefs(topicPage.text)).toContain('/topics/linked-topic/feed.atom');
    });
  });
});
