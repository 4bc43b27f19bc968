import { makeSpeaker, makeTopic } from './support/factories';
import { LONG, shown, tableCounts, unclear } from './support/hostile';
import { apiBody, formFields, urlencoded } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// The three forms against fields repeated, nested, sparse or of the wrong
// shape; and text at the edges of Unicode, which must be stored exactly as
// sent when PostgreSQL can store it, and refused when it cannot.

const ctx = useTestApp();
const fixture = { speaker: '', topic: '' };

beforeAll(async () => {
  const speaker = await makeSpeaker(ctx.prisma, { kind: 'government' });
  const topic = await makeTopic(ctx.prisma);
  Object.assign(fixture, { speaker: speaker.slug, topic: topic.slug });
});

/** A valid add-a-statement form with `body`'s fields in place of the valid fields of the same name. */
function statementForm(body: string): string {
  const root = (key: string) => key.replace(/\[.*$/, '');
  const hostile = new Set([...new URLSearchParams(body).keys()].map(root));
  const valid = Object.entries(formFields(fixture.speaker, fixture.topic)).filter(([k]) => !hostile.has(root(k)));
  return `${body}&${new URLSearchParams(valid).toString()}`;
}

/** Raw urlencoded bodies: fields repeated, nested, sparse, or carrying the wrong shape. */
const FORM_CASES: [string, string][] = [
  ...[
    'name=A&name=B&kind=person',
    'name[a]=b&kind=person',
    'name[]=A&kind=person',
    'name=A&kind[]=person',
    `name=A&kind=person&aliases[x]=${LONG}`,
    'name=A&kind=person&member_of[a]=b',
    `name=${LONG}&kind=person`,
  ].map((b): [string, string] => ['/speakers/new', b]),
  ...['name=A&name=B', 'name[a]=b', 'name[]=A', 'name=T&parent[]=x', `name=T&description=${LONG}`].map((b): [string, string] => [
    '/topics/new',
    b,
  ]),
  ...[
    'speaker=S&speaker=T',
    'speaker[a]=b',
    'positions=x',
    'positions[0]=x',
    'positions[0][topic][a]=b&positions[0][stance]=supports',
    'positions[-1][topic]=T&positions[-1][stance]=supports',
    'positions[1e9][topic]=T&positions[1e9][stance]=supports',
    'positions[__proto__][topic]=T&positions[__proto__][stance]=supports',
    'positions[0][stance][]=supports&positions[0][topic]=T',
    'positions[0][strength]=9&positions[0][topic]=T&positions[0][stance]=supports',
    'sources=x&sources[0][publisher][]=P',
    'sources[0][url]=javascript:alert(1)&sources[0][publisher]=P',
    `text=${LONG}`,
    'said_on=2025-00',
    'new_speaker=person&speaker=Nobody+Yet',
    'source_unknown[]=on&sources[0][publisher]=',
  ].map((b): [string, string] => ['/statements/new', b]),
];

describe('forms, field by field', () => {
  test.each(FORM_CASES.map(([route, body]) => [route, shown(body).slice(1, -1), body]))(
    'when %s is posted %s, then the form comes back with 422 and nothing is written',
    async (route, _shown, body) => {
      const before = await tableCounts(ctx.prisma);

      const res = await ctx.editor
        .post(route)
        .type('form')
        .send(route === '/statements/new' ? statementForm(body) : body);

      expect(unclear(res, false)).toBeUndefined();
      expect(res.status).toBe(422);
      expect(await tableCounts(ctx.prisma)).toEqual(before);
    },
  );

  test('when a topic row has a huge sparse index, then it is read as the first row and the statement is recorded', async () => {
    const body = `positions[999999][topic]=${fixture.topic}&positions[999999][stance]=mixed`;

    const res = await ctx.editor.post('/statements/new').type('form').send(statementForm(body));

    expect(res.status).toBe(303);
    const id = Number(res.headers.location!.split('/').pop());
    const positions = await ctx.prisma.position.findMany({ where: { statementId: id }, select: { stance: true } });
    expect(positions).toEqual([{ stance: 'mixed' }]);
  });
});

// Each storable: bidirectional controls, emoji sequences, combining marks,
// astral letters, noncharacters, separators, a byte order mark, CR LF.
const UNICODE = [
  'RTL \u200F\u202Bمرحبا بالعالم\u202C\u200E \u2067שלום\u2069 end',
  'emoji 🙂 👩🏽‍⚕️ 🏳️‍🌈 🇸🇾 and keycap 1\uFE0F\u20E3',
  'combining e\u0301 a\u0308\u0308\u0308 Z\u0335\u0321\u0322 and jamo \u1100\u1161\u11A8',
  'astral 𝕏𝔸 ☺\uFE0E noncharacters \uFFFE\uFFFF\uFDD0 private \uE000',
  'separators \u2028 \u2029 bom \uFEFF zero-width \u200B\u200D crlf\r\ntab\t nbsp\u00A0',
];

describe('Unicode at the edges', () => {
  test.each(UNICODE)('when an API statement, speaker and topic hold %j, then each is stored byte for byte', async (text) => {
    const name = `«${text}»`;

    const res = await ctx.editor
      .post('/api/v1/statements')
      .send(apiBody({ name, kind: 'person' }, { name }, { text, place: name, context: name }));

    expect(res.status).toBe(201);
    const stored = await ctx.prisma.statement.findUniqueOrThrow({
      where: { id: res.body.id },
      select: {
        text: true,
        place: true,
        context: true,
        speaker: { select: { name: true } },
        positions: { select: { topic: true } },
      },
    });
    expect(Buffer.from(stored.text)).toEqual(Buffer.from(text));
    expect([stored.place, stored.context, stored.speaker.name, stored.positions[0]!.topic.name]).toEqual([
      name,
      name,
      name,
      name,
    ]);
  });

  test.each(UNICODE)('when the form posts %j as the text, then it is stored byte for byte', async (text) => {
    const res = await ctx.editor
      .post('/statements/new')
      .type('form')
      .send(urlencoded(formFields(fixture.speaker, fixture.topic, { text })));

    expect(res.status).toBe(303);
    const id = Number(res.headers.location!.split('/').pop());
    const stored = await ctx.prisma.statement.findUniqueOrThrow({ where: { id }, select: { text: true } });
    expect(Buffer.from(stored.text)).toEqual(Buffer.from(text));
  });

  // JSON's \ud800 escapes are the one way to send half a pair; the driver would store U+FFFD instead.
  test.each([
    ['/api/v1/statements', () => apiBody(fixture.speaker, fixture.topic, { text: 'half a pair \ud83d here' })],
    ['/api/v1/speakers', () => ({ name: 'Trailing half \udc00', kind: 'person' })],
    ['/api/v1/topics', () => ({ name: 'Topic', description: '\ud800' })],
    ['/api/v1/topics', () => ({ name: 'Topic', '\udfff': 'in a key' })],
  ])('when %s gets a lone surrogate, then 400 says why and nothing is written', async (route, body) => {
    const before = await tableCounts(ctx.prisma);

    const res = await ctx.editor.post(route).send(body());

    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'invalid_character', message: expect.stringContaining('lone surrogate') });
    expect(await tableCounts(ctx.prisma)).toEqual(before);
  });
});
