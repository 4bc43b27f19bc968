import request from 'supertest';
import { errorBeside, formFields, textareaValue, urlencoded } from '../support/statement-fixtures';
import { useTestApp } from '../support/test-app';
import { ATTACK, hostile, makeTargets, scriptProblems, shownText, writeState, type Targets } from './support';

// Stored XSS through the page forms, markup echoed back in a refused form,
// markup in the address (reflected), and javascript: addresses for sources.

const ctx = useTestApp();
let t: Targets;
beforeAll(async () => {
  t = await makeTargets(ctx.app, ctx.prisma, ctx.editorAccount.apiToken);
});

/** Posts a form as the signed-in editor (whose agent sends the CSRF token). */
const post = (path: string, fields: Record<string, string>) => ctx.editor.post(path).type('form').send(urlencoded(fields));

/** Every text field of the add-a-statement form, hostile; a new speaker and a new topic typed in. */
const hostileStatement = (overrides: Record<string, string> = {}) =>
  formFields(hostile('form speaker'), '', {
    'new_speaker[kind]': 'organisation',
    confirm_new_speaker: 'on',
    text: hostile('form text', true),
    original_text: hostile('form original', true),
    original_language: 'ar',
    context: hostile('form context', true),
    place: hostile('form place'),
    attribution: hostile('form attribution'),
    'positions[0][new_topic]': hostile('form topic'),
    'sources[0][publisher]': hostile('form publisher'),
    'sources[0][title]': hostile('form title'),
    'sources[0][url]': 'https://example.org/"><script>alert(1)</script>',
    'relations[0][kind]': 'rejects',
    'relations[0][statement]': String(t.statement),
    ...overrides,
  });

describe('records made through the forms', () => {
  test('when the speaker, topic and statement forms are sent markup in every field, then each is saved as typed and shown only as text', async () => {
    const speaker = await post('/speakers/new', {
      name: hostile('form name'),
      kind: 'person',
      description: hostile('form description', true),
      country: hostile('form country'),
      aliases: `${hostile('form alias')}\n${hostile('second alias')}`,
    }).expect(303);
    const topic = await post('/topics/new', {
      name: hostile('form subject'),
      description: hostile('form subject text', true),
    }).expect(303);
    const statement = await post('/statements/new', hostileStatement()).expect(303);

    const id = Number(statement.headers.location!.split('/').pop());
    const stored = await ctx.prisma.statement.findUniqueOrThrow({ where: { id }, include: { speaker: true } });
    expect([stored.text, stored.context, stored.speaker.name]).toEqual([
      hostile('form text', true),
      hostile('form context', true),
      hostile('form speaker'),
    ]);
    const pages: [string, string[]][] = [
      [speaker.headers.location!, ['form name', 'form description', 'form country', 'form alias', 'second alias']],
      [`${speaker.headers.location!}/edit`, ['form name', 'form description', 'form country', 'form alias']],
      [topic.headers.location!, ['form subject', 'form subject text']],
      [`${topic.headers.location!}/edit`, ['form subject', 'form subject text']],
      [`/statements/${id}`, ['form text', 'form original', 'form context', 'form place', 'form attribution', 'form speaker']],
      [`/statements/${id}`, ['form topic', 'form publisher', 'form title']],
      [`/statements/${id}/edit`, ['form text', 'form original', 'form context', 'form place', 'form attribution']],
      [`/statements/${t.statement}`, ['form speaker', 'form text']],
      ['/statements', ['form speaker', 'form text']],
    ];
    for (const [path, shows] of pages) {
      const res = await ctx.editor.get(path).expect(200);
      const text = shownText(res.text);
      expect([path, scriptProblems(res.text)]).toEqual([path, []]);
      expect([path, shows.filter((f) => !text.includes(hostile(f)) && !text.includes(hostile(f, true)))]).toEqual([path, []]);
    }
    expect(textareaValue((await ctx.editor.get(`/statements/${id}/edit`)).text, 'text')).toBe(hostile('form text', true));
  });

  test('when a form with markup in every field is refused, then it comes back (422, 409) with each value escaped in its field and nothing written', async () => {
    const before = await writeState(ctx.prisma);

    const answers = [
      await post('/statements/new', hostileStatement({ said_on: hostile('date') })).expect(422),
      await post(`/statements/${t.statement}/edit`, { ...hostileStatement({ said_on: 'never' }), version: '2' }).expect(422),
      // Stale: the conflict page shows the typed words beside the stored ones.
      await post(`/statements/${t.statement}/edit`, { ...hostileStatement({ speaker: t.speaker }), version: '1' }).expect(409),
      await post('/speakers/new', { name: hostile('refused name'), description: hostile('refused description', true) }).expect(
        422,
      ),
      await post('/topics/new', { name: hostile('refused topic'), parent: hostile('no such parent') }).expect(422),
      await post(`/speakers/${t.speaker}/edit`, { name: hostile('renamed'), kind: hostile('kind'), version: '2' }).expect(422),
      await post(`/topics/${t.topic}/edit`, { name: hostile('renamed topic'), parent: hostile('nowhere'), version: '2' }).expect(
        422,
      ),
    ];

    for (const res of answers) expect(scriptProblems(res.text)).toEqual([]);
    expect(textareaValue(answers[0]!.text, 'text')).toBe(hostile('form text', true));
    expect(textareaValue(answers[2]!.text, 'text')).toBe(hostile('form text', true));
    expect(shownText(answers[3]!.text)).toContain(hostile('refused description', true));
    expect(shownText(answers[4]!.text)).toContain(hostile('no such parent'));
    expect(await writeState(ctx.prisma)).toEqual(before);
  });
});

/** `:attack` stands for the markup, encoded. */
const REFLECTED = [
  '/search?q=:attack',
  '/search?q=:attack&speaker=:attack&topic=:attack',
  '/speakers?q=:attack',
  '/topics?q=:attack',
  '/statements?speaker=:attack&topic=:attack',
  '/compare?topics=:attack&speakers=:attack',
  '/compare?topics=:attack&country=:attack',
  '/speakers/:attack',
  '/topics/:attack',
  '/statements/:attack',
  '/:attack',
  '/sign-in?next=/:attack',
];
const REFLECTED_SIGNED_IN = [
  '/statements/new?speaker=:attack&topic=:attack',
  '/speakers/new?member_of=:attack',
  '/topics/new?parent=:attack',
  '/speakers/:speaker/merge?into=:attack',
];

describe('markup in the address', () => {
  test.each([...REFLECTED.map((p) => [p, false] as const), ...REFLECTED_SIGNED_IN.map((p) => [p, true] as const)])(
    'when %s is asked for, then whatever it echoes is escaped',
    async (path, signedIn) => {
      const client = signedIn ? ctx.editor : request(ctx.app);

      const res = await client.get(path.replace(':speaker', t.speaker).replace(/:attack/g, encodeURIComponent(ATTACK)));

      expect(res.status).toBeLessThan(500);
      expect(scriptProblems(res.text)).toEqual([]);
    },
  );

  test('when a refused sign-in echoes a hostile email and next, then both are escaped', async () => {
    const agent = request.agent(ctx.app);
    const form = await agent.get('/sign-in').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: token, email: ATTACK, password: 'x', next: `/${ATTACK}` })
      .expect(401);

    expect(scriptProblems(res.text)).toEqual([]);
    expect(shownText(res.text)).toContain(ATTACK);
  });

  test('when an API route is asked for with markup in its address, then the error is JSON, never HTML', async () => {
    const a = encodeURIComponent(ATTACK);
    for (const path of [`/api/v1/speakers/${a}`, `/api/v1/topics/${a}`, `/api/v1/${a}`, `/api/v1/search?speaker=${a}`]) {
      const res = await request(ctx.app).get(path);
      expect([path, res.headers['content-type']]).toEqual([path, 'application/json; charset=utf-8']);
    }
  });
});

const SCRIPT_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https:javascript:alert(1)',
];
const URL_MESSAGE = 'Enter a full web address starting with http:// or https://';

describe('addresses that would run script', () => {
  test.each(SCRIPT_URLS)(
    'when a source URL or archive URL is %j, then the API and both forms refuse it beside the field and nothing is written',
    async (url) => {
      const before = await writeState(ctx.prisma);
      const body = (field: string) => ({
        speaker: t.speaker,
        kind: 'quote',
        text: 'Words',
        positions: [{ topic: t.topic, stance: 'supports' }],
        sources: [{ publisher: 'P', [field]: url }],
      });
      const form = (field: string) => formFields(t.speaker, t.topic, { [`sources[0][${field}]`]: url });

      for (const field of ['url', 'archived_url']) {
        const created = await ctx.editor.post('/api/v1/statements').send(body(field)).expect(422);
        const edited = await ctx.editor
          .put(`/api/v1/statements/${t.statement}`)
          .send({ ...body(field), version: 2 })
          .expect(422);
        for (const res of [created, edited]) expect(res.body.error.fields[`sources.0.${field}`]).toBe(URL_MESSAGE);
        for (const res of [
          await post('/statements/new', form(field)).expect(422),
          await post(`/statements/${t.statement}/edit`, { ...form(field), version: '2' }).expect(422),
        ]) {
          expect(errorBeside(res.text, `sources-0-${field}`)).toBe(URL_MESSAGE);
          expect(scriptProblems(res.text)).toEqual([]);
        }
      }
      expect(await writeState(ctx.prisma)).toEqual(before);
      const [{ count }] = await ctx.prisma.$queryRaw<[{ count: bigint }]>`
      SELECT count(*) AS count FROM sources WHERE url !~ '^https?://' OR archived_url !~ '^https?://'`;
      expect(count).toBe(0n);
    },
  );
});
