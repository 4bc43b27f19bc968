import request from 'supertest';
import { COMMONEST_STANCE_CUE, ELSEWHERE_CUE } from '../src/extraction/stance';
import { ARTICLE_MAX } from '../src/from-article/from-article.schema';
import { groupCues } from '../src/from-article/from-article.view';
import { LAYOUT_MARK } from './support/hostile';
import { signInThroughForm } from './support/sign-in';
import { makeSpeaker, makeTopic } from './support/factories';
import { ARTICLE_SOURCE, encodeFields, SEED_ARTICLE } from './support/from-article';
import { errorBeside, inputValue, selectedValue, textareaValue, unescapeHtml } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';
import { writeState } from './security/support';

// GET /statements/from-article and POST /statements/from-article/review: the
// article form, and the review of what the extractor proposes (nothing written).

const ctx = useTestApp();

const articleForm = (text: string, extra: Record<string, string> = {}) =>
  encodeFields([
    ['text', text],
    ['topic', extra.topic ?? ''],
    ...Object.entries({ ...ARTICLE_SOURCE, ...extra }).flatMap(([k, v]) =>
      k === 'topic' ? [] : [[`source[${k}]`, v] as [string, string]],
    ),
  ]);
const review = (text: string, extra: Record<string, string> = {}) =>
  ctx.editor.post('/statements/from-article/review').type('form').send(articleForm(text, extra));

/** The values of the review's Speaker fields, in order. */
const speakerFields = (html: string) =>
  [...html.matchAll(/<input type="text" id="rows-\d+-speaker" name="[^"]+" value="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));

describe('GET /statements/from-article', () => {
  test('when an editor opens it, then it has the article field, the topics and the source fields, each labelled', async () => {
    const topic = await makeTopic(ctx.prisma);

    const res = await ctx.editor.get(`/statements/from-article?topic=${topic.slug}`);

    expect(res.status).toBe(200);
    expect(res.text).toContain('<textarea id="text" name="text"');
    expect(selectedValue(res.text, 'topic')).toBe(topic.slug);
    for (const id of ['source-publisher', 'source-title', 'source-url', 'source-published_on'])
      expect(res.text).toContain(`<label for="${id}">`);
    const ids = [...res.text.matchAll(/<(?:input|select|textarea) [^>]*id="([^"]+)"/g)].map((m) => m[1]!);
    const labelled = new Set([...res.text.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.filter((id) => !labelled.has(id))).toEqual([]);
  });

  test('when a reader who is not signed in opens it or posts an article, then they are sent to sign in', async () => {
    const page = await request(ctx.app).get('/statements/from-article');
    const posted = await request(ctx.app).post('/statements/from-article/review').type('form').send(articleForm(SEED_ARTICLE));

    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fstatements%2Ffrom-article');
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toMatch(/^\/sign-in/);
  });

  test('when the statements list and the add-a-statement form are shown to an editor, then they link to it', async () => {
    expect((await ctx.editor.get('/statements')).text).toContain('href="/statements/from-article"');
    expect((await ctx.editor.get('/statements/new')).text).toContain('href="/statements/from-article"');
  });
});

describe('POST /statements/from-article/review', () => {
  test('when the reference article is reviewed, then each proposal has its fieldset and mark, kept by default, with speakers, stances and their cues', async () => {
    const topic = await makeTopic(ctx.prisma, { name: 'Separate Druze region in southern Syria' });
    const before = await writeState(ctx.prisma);

    const res = await review(SEED_ARTICLE, { topic: topic.slug });

    expect(res.status).toBe(200);
    const speakers = speakerFields(res.text);
    expect(speakers).toEqual(expect.arrayContaining(['Hikmat Al Hijri', 'Saudi Arabia', 'Damascus']));
    expect(res.text).toContain(`stances suggested on “${topic.name}”`);
    for (let n = 1; n <= speakers.length; n++) {
      expect(res.text).toContain(`<fieldset class="proposal" id="proposal-${n}">`);
      expect(res.text).toContain(`<mark id="mark-${n}">`);
      expect(res.text).toMatch(new RegExp(`id="rows-${n - 1}-keep" name="rows\\[${n - 1}\\]\\[keep\\]" checked`));
      expect(selectedValue(res.text, `rows-${n - 1}-topic`)).toBe(topic.slug);
    }
    const saudi = speakers.indexOf('Saudi Arabia');
    expect(selectedValue(res.text, `rows-${saudi}-new_speaker_kind`)).toBe('government');
    expect(selectedValue(res.text, `rows-${saudi}-kind`)).toBe('official_position');
    expect(selectedValue(res.text, `rows-${saudi}-stance`)).toBe('opposes');
    expect(selectedValue(res.text, `rows-${saudi}-strength`)).toBe('2');
    expect(res.text).toContain('Stance suggested because: <q dir="auto">categorically</q>');
    // A lean taken from the speaker's other statements says so, and quotes only the words.
    expect(res.text).toContain('Hikmat Al Hijri elsewhere: <q dir="auto">Called for</q>, <q dir="auto">must</q>');
    // The article travels with the form, as sent.
    expect(unescapeHtml(/<input type="hidden" name="text" value="([^"]*)"/.exec(res.text)![1]!)).toBe(SEED_ARTICLE);
    expect(inputValue(res.text, 'source-url')).toBe(ARTICLE_SOURCE.url);
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when a proposed speaker is on record under an alias, then that speaker is offered and chosen', async () => {
    const hijri = await makeSpeaker(ctx.prisma, { name: 'Sheikh Hikmat Al-Hijri', aliases: ['Hikmat Al Hijri'] });

    const res = await review(SEED_ARTICLE);

    expect(res.text).toMatch(
      new RegExp(`<input type="radio" name="rows\\[0\\]\\[speaker_choice\\]" value="${hijri.slug}" checked>`),
    );
    expect(res.text).toContain('also called Hikmat Al Hijri');
    expect(res.text).toContain('A new speaker, named as typed above');
  });

  test('when the article holds markup, then the review page shows it as text: every mark and field escaped', async () => {
    const hostile =
      'Mr Evil Person said “<script>alert(1)</script> we support <img src=x onerror=alert(2)> the plan”. <b>bold</b> & "quoted"';

    const res = await review(hostile);

    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<b>bold');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('<mark id="mark-1">');
    expect(textareaValue(res.text, 'rows-0-text')).toContain('<script>alert(1)</script>');
  });

  test('when the article holds more statements than the review lists, then the first 100 are listed and the page says so', async () => {
    const res = await review(`${SEED_ARTICLE}\n\n`.repeat(12));

    expect(res.status).toBe(200);
    expect(res.text).toMatch(/The article holds \d+ statements; the first 100 are listed/);
    expect(res.text).toContain('id="proposal-100"');
    expect(res.text).not.toContain('id="proposal-101"');
  });

  test('when nothing in the article is a statement, then the review says so and offers the way on', async () => {
    const res = await review('The weather in Sweida was mild. Markets opened at nine.');

    expect(res.status).toBe(200);
    expect(res.text).toContain('No statements were found in this article.');
    expect(res.text).toContain('href="/statements/new"');
    expect(res.text).not.toContain('Save the kept statements');
  });

  test('when the text is empty, then the form comes back with the message beside the field and the source kept', async () => {
    const res = await review('   ');

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'text')).toBe('Paste the text of the article');
    expect(inputValue(res.text, 'source-publisher')).toBe(ARTICLE_SOURCE.publisher);
    expect(inputValue(res.text, 'source-published_on')).toBe(ARTICLE_SOURCE.published_on);
  });

  test('when the text is over the cap or the source date is not a date, then each message is beside its field and the text is kept', async () => {
    const long = 'Word and word. '.repeat(Math.ceil((ARTICLE_MAX + 1) / 15));

    const res = await review(long, { published_on: 'last Monday' });

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'text')).toBe(
      `The article is too long: at most 100,000 characters (this one has ${long.length.toLocaleString('en')}). Paste it in parts.`,
    );
    expect(errorBeside(res.text, 'source-published_on')).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(textareaValue(res.text, 'text')).toBe(long);
  });

  test('when a long article in Arabic script is pasted, then it is under the body limit and reviewed', async () => {
    // 90,000 characters of Arabic: about 800 KB once percent-encoded, past the app's 256 KB.
    const arabic = `${'قال المتحدث إن الحكومة ترفض الدعوات. '.repeat(2300)}`.slice(0, 90_000);

    const res = await review(arabic);

    expect(res.status).toBe(200);
  });

  test('when a 5 MB paste is sent, then the answer is the 413 page and nothing is written', async () => {
    const before = await writeState(ctx.prisma);

    const res = await review('x'.repeat(5 * 1024 * 1024));

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(LAYOUT_MARK);
    expect(res.text).toContain('The request body is larger than the 2048 KB allowed');
    expect(await writeState(ctx.prisma)).toEqual(before);
  });

  test('when a signed-in editor posts the article without the CSRF token, then the answer is 403', async () => {
    const { agent } = await signInThroughForm(ctx.app, ctx.prisma, 'editor');

    const res = await agent.post('/statements/from-article/review').type('form').send(articleForm(SEED_ARTICLE));

    expect(res.status).toBe(403);
  });
});

describe('POST /api/v1/extract', () => {
  test('when an editor’s token sends the reference article, then every proposal comes back with its speaker’s matches on record', async () => {
    const saudi = await makeSpeaker(ctx.prisma, { name: 'Saudi Arabia', kind: 'government' });
    const topic = await makeTopic(ctx.prisma, { name: 'Separate Druze region, API' });

    const res = await ctx.editor.post('/api/v1/extract').send({ text: SEED_ARTICLE, topic: topic.slug });

    expect(res.status).toBe(200);
    expect(res.body.topic).toEqual({ name: topic.name, slug: topic.slug });
    const names = res.body.proposals.map((p: { speaker: { name: string } }) => p.speaker.name);
    expect(names).toEqual(expect.arrayContaining(['Hikmat Al Hijri', 'Saudi Arabia', 'Damascus']));
    const rejection = res.body.proposals.find((p: { text: string }) => p.text.startsWith('categorically rejects'));
    expect(rejection).toMatchObject({
      kind: 'official_position',
      speaker: { name: 'Saudi Arabia', kind: 'government' },
      speaker_matches: [{ id: saudi.id, slug: saudi.slug, name: 'Saudi Arabia', matched: 'Saudi Arabia', exact: true }],
      stance: { stance: 'opposes', strength: 2, negated: false },
    });
    expect(SEED_ARTICLE.slice(rejection.span.start, rejection.span.end)).toBe(rejection.text);
  });

  test('when no token is sent, then 401 and no proposals', async () => {
    const res = await request(ctx.app).post('/api/v1/extract').send({ text: SEED_ARTICLE });

    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  test.each([
    ['empty text', { text: ' ' }, 'text', 'Paste the text of the article'],
    ['no text', { topic: 'x' }, 'text', 'Paste the text of the article'],
    ['text not a string', { text: 42 }, 'text', 'Paste the text of the article'],
    ['an unknown field', { text: 'Words.', speaker: 'x' }, '_', 'Send only text and topic'],
    ['a list for a body', ['text'], '_', 'Send a JSON object: { "text": … }'],
  ])('when the body has %s, then 422 names the field', async (_case, body, field, message) => {
    const res = await ctx.editor.post('/api/v1/extract').send(body);

    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', fields: { [field]: message } });
  });

  test('when the text is over the cap, then 422 says how long it is', async () => {
    const res = await ctx.editor.post('/api/v1/extract').send({ text: 'x'.repeat(ARTICLE_MAX + 1) });

    expect(res.status).toBe(422);
    expect(res.body.error.fields.text).toMatch(/too long: at most 100,000 characters \(this one has 100,001\)/);
  });

  test('when the body is not JSON, then 400; when it is over 1 MB, then 413 as JSON', async () => {
    const malformed = await ctx.editor.post('/api/v1/extract').set('content-type', 'application/json').send('{"text": ');
    const huge = await ctx.editor.post('/api/v1/extract').send({ text: 'x'.repeat(5 * 1024 * 1024) });

    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_body');
    expect(huge.status).toBe(413);
    expect(huge.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than the 1024 KB allowed',
    });
  });
});

describe('the words a stance was suggested from', () => {
  test('own words are quoted, a lean from elsewhere names its origin, and the commonest stance says nothing led to it', () => {
    expect(
      groupCues([
        'categorically',
        'rejects',
        `Ana Silva${ELSEWHERE_CUE}condemned`,
        `Ana Silva${ELSEWHERE_CUE}around: criticised by`,
      ]),
    ).toEqual([
      { lead: '', words: ['categorically', 'rejects'] },
      { lead: 'Ana Silva elsewhere:', words: ['condemned'] },
      { lead: 'the sentence that places Ana Silva:', words: ['criticised by'] },
    ]);
    expect(groupCues([COMMONEST_STANCE_CUE])).toEqual([
      { lead: 'no words in or around it lean either way, so the commonest stance', words: [] },
    ]);
  });
});
