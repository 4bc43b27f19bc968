import request from 'supertest';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { ARABIC, XSS } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

const ctx = useTestApp();

const page = (path: string) => request(ctx.app).get(path);

describe('GET /statements/:id (the permalink)', () => {
  test('when a statement has every detail, then the page shows each of them', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { name: 'Ministry of Examples', kind: 'government' });
    const topic = await makeTopic(ctx.prisma, { name: 'Separate region' });
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      kind: 'official_position',
      text: 'We categorically reject any call to divide the country.',
      original_text: ARABIC,
      original_language: 'ar',
      said_on: '2025-08',
      place: 'Riyadh',
      context: 'In reply to a call for a separate region.',
      attribution: 'A ministry spokesman',
      sources: [
        {
          publisher: 'The Gazette',
          title: 'Reactions',
          url: 'https://example.org/reactions',
          published_on: '2025-08-05',
          archived_url: 'https://web.archive.org/web/2025/https://example.org/reactions',
        },
        { publisher: 'Printed Weekly', published_on: '2025' },
      ],
      positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
    });

    const res = await page(`/statements/${id}`);

    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<blockquote class="statement-text" lang="en" dir="ltr">We categorically reject any call to divide the country.</blockquote>',
    );
    expect(res.text).toContain(`<blockquote class="statement-original" lang="ar" dir="rtl">${ARABIC}</blockquote>`);
    expect(res.text).toContain('Official position');
    expect(res.text).toContain(`<a href="/speakers/${speaker.slug}">Ministry of Examples</a>`);
    expect(res.text).toContain('A ministry spokesman');
    expect(res.text).toContain('<time datetime="2025-08">August 2025</time>');
    expect(res.text).toContain('Riyadh');
    expect(res.text).toContain('In reply to a call for a separate region.');
    expect(res.text).toContain('<a href="https://example.org/reactions" rel="noopener nofollow">“Reactions”</a>');
    expect(res.text).toContain('<time datetime="2025-08-05">5 August 2025</time>');
    expect(res.text).toContain('href="https://web.archive.org/web/2025/https://example.org/reactions" rel="noopener nofollow"');
    expect(res.text).toContain('Printed Weekly');
    expect(res.text).toContain('<time datetime="2025">2025</time>');
    expect(res.text).toContain(`<a href="/topics/${topic.slug}">Separate region</a>`);
    expect(res.text).toContain('Strongly opposes');
  });

  test('when a statement has no source and no date, then the page says "Source unknown" and "date not given"', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: undefined,
      sources: [],
      source_unknown: true,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const res = await page(`/statements/${id}`);

    expect(res.status).toBe(200);
    expect(res.text).toContain('Source unknown');
    expect(res.text).toContain('date not given');
    expect(res.text).toContain('>Supports</span>');
  });

  test('when a statement appeared in several sources, then they are listed by date and the earliest is marked as its first appearance', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
      sources: [
        { publisher: 'Late Weekly', published_on: '2025-09' },
        { publisher: 'Undated Digest' },
        { publisher: 'Early Daily', published_on: '2025-08-05' },
      ],
    });

    const res = await request(ctx.app).get(`/statements/${id}`);

    const order = ['Early Daily', 'Late Weekly', 'Undated Digest'].map((p) => res.text.indexOf(p));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const first = res.text.indexOf('first appearance');
    expect(first).toBeGreaterThan(order[0]!);
    expect(first).toBeLessThan(order[1]!);
    expect(res.text.match(/first appearance/g)).toHaveLength(1);
  });

  test('when the statement is a refusal to comment, then its stance reads "No comment"', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { kind: 'government' });
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      kind: 'no_comment',
      text: 'There was no immediate reaction.',
      positions: [{ topic: topic.slug, stance: 'unclear' }],
    });

    const res = await page(`/statements/${id}`);

    expect(res.text).toContain('stance-nocomment">No comment</span>');
    expect(res.text).not.toContain('<blockquote class="statement-text"');
  });

  test('when one statement rejects another, then each page shows the relation from its own side', async () => {
    const caller = await makeSpeaker(ctx.prisma, { name: 'Hikmat Example' });
    const saudi = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
    const topic = await makeTopic(ctx.prisma);
    const call = await makeStatement(ctx.prisma, {
      speaker: caller.slug,
      text: 'Stand with us to announce a separate region',
      said_on: '2025-08',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const reply = await makeStatement(ctx.prisma, {
      speaker: saudi.slug,
      text: 'categorically rejects any separatist calls',
      said_on: '2025-08',
      positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      relations: [{ kind: 'rejects', statement_id: call.id }],
    });

    const callPage = await page(`/statements/${call.id}`);
    const replyPage = await page(`/statements/${reply.id}`);

    expect(replyPage.text).toMatch(
      new RegExp(
        `<strong>Rejects:</strong> <a href="/speakers/${caller.slug}">Hikmat Example</a>, August 2025 — <a href="/statements/${call.id}"[^>]*>“Stand with us to announce a separate region”</a>`,
      ),
    );
    expect(callPage.text).toMatch(
      new RegExp(
        `<strong>Rejected by:</strong> <a href="/speakers/${saudi.slug}">Saudi Arabia</a>, August 2025 — <a href="/statements/${reply.id}"`,
      ),
    );
  });

  test('when the text and details hold markup, then the page shows them escaped and never raw', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { name: XSS });
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: XSS,
      place: XSS,
      context: XSS,
      attribution: XSS,
      sources: [{ publisher: XSS, title: XSS }],
      positions: [{ topic: { name: XSS }, stance: 'supports' }],
    });

    const res = await page(`/statements/${id}`);

    expect(res.status).toBe(200);
    expect(res.text).not.toContain(XSS);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('when the text is Arabic, then it is shown byte-identical, marked lang="ar" dir="rtl"', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: ARABIC,
      language: 'ar',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const res = await page(`/statements/${id}`);

    expect(res.text).toContain(`<blockquote class="statement-text" lang="ar" dir="rtl">${ARABIC}</blockquote>`);
  });

  test.each(['999999', 'abc', '1e3', '99999999999'])('when the id is %p, then the not-found page answers 404', async (id) => {
    const res = await page(`/statements/${id}`);

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Not found</h1>');
  });
});

describe('GET /statements (the list)', () => {
  test('when a speaker is chosen, then only their statements are listed, newest first', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const older = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: 'Older words',
      said_on: '2024',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const newer = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      text: 'Newer words',
      said_on: '2025-08',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });

    const res = await page(`/statements?speaker=${speaker.slug}`);

    expect(res.status).toBe(200);
    const order = [...res.text.matchAll(/href="\/statements\/(\d+)">Permalink/g)].map((m) => Number(m[1]));
    expect(order).toEqual([newer.id, older.id]);
    expect(res.text).toContain(`id="filter-speaker" name="speaker" value="${speaker.slug}"`);
  });

  test('when the speaker filter holds a name or an alias instead of a slug, then it finds the same speaker', async () => {
    const speaker = await makeSpeaker(ctx.prisma, { name: 'Filtered Minister', aliases: ['The Minister'] });
    const topic = await makeTopic(ctx.prisma);
    const said = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    await makeStatement(ctx.prisma, {
      speaker: (await makeSpeaker(ctx.prisma)).slug,
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });

    for (const typed of ['filtered minister', 'The Minister']) {
      const res = await page(`/statements?speaker=${encodeURIComponent(typed)}`);

      expect(res.status).toBe(200);
      const listed = [...res.text.matchAll(/href="\/statements\/(\d+)">Permalink/g)].map((m) => Number(m[1]));
      expect(listed).toEqual([said.id]);
      expect(res.text).toContain(`value="${typed}"`);
    }
  });

  test('when the topic filter holds a name instead of a slug, then it finds the same topic, and recent topics are suggested', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma, { name: 'Water Rights' });
    const said = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: (await makeTopic(ctx.prisma)).slug, stance: 'opposes' }],
    });

    const res = await page(`/statements?topic=${encodeURIComponent('water rights')}`);

    expect(res.status).toBe(200);
    const listed = [...res.text.matchAll(/href="\/statements\/(\d+)">Permalink/g)].map((m) => Number(m[1]));
    expect(listed).toEqual([said.id]);
    expect(res.text).toContain('id="filter-topic" name="topic" value="water rights"');
    expect(res.text).toMatch(/<datalist id="filter-topic-suggestions">[^]*<option value="Water Rights">/);
    const unknown = await page('/statements?topic=dry-land');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('No topic has the name or the slug &quot;dry-land&quot;');
  });

  test('when there are more statements than a page holds, then "Older" links to the next page, filters kept', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    for (const said_on of ['2025-01', '2025-02', '2025-03']) {
      await makeStatement(ctx.prisma, { speaker: speaker.slug, said_on, positions: [{ topic: topic.slug, stance: 'supports' }] });
    }

    const first = await page(`/statements?speaker=${speaker.slug}&limit=2`);
    const second = await page(`/statements?speaker=${speaker.slug}&limit=2&page=2`);

    expect(first.text).toContain(`href="/statements?speaker&#x3D;${speaker.slug}&amp;limit&#x3D;2&amp;page&#x3D;2"`);
    expect(first.text).not.toContain('rel="prev"');
    expect(second.text).toContain(`href="/statements?speaker&#x3D;${speaker.slug}&amp;limit&#x3D;2"`);
    expect(second.text.match(/Permalink #/g)).toHaveLength(1);
  });

  test('when a filter value is unknown, then 422 shows the message beside the filter', async () => {
    const res = await page('/statements?stance=hates&speaker=nobody-at-all');

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<p class="field-error" id="filter-stance-error">Filter by supports, opposes/);
  });

  test('when the speaker filter names nobody, then 422 says so beside the speaker filter', async () => {
    const res = await page('/statements?speaker=nobody-at-all');

    expect(res.status).toBe(422);
    expect(res.text).toContain(
      '<p class="field-error" id="filter-speaker-error">No speaker called &quot;nobody-at-all&quot; is on record</p>',
    );
  });
});
