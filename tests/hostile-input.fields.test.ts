import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { LONG, incompressible, isAbout, shown, tableCounts, unclear } from './support/hostile';
import { apiBody } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// Every field of every API write against a table of values of the
// wrong type, shape, size or range: each must be refused with a 422 that is a
// JSON error naming the field, and leave every table as it was.

const ctx = useTestApp();
const fixture = { speaker: '', topic: '', statement: 0 };

beforeAll(async () => {
  const speaker = await makeSpeaker(ctx.prisma, { kind: 'government' });
  const topic = await makeTopic(ctx.prisma);
  const statement = await makeStatement(ctx.prisma, {
    speaker: speaker.slug,
    positions: [{ topic: topic.slug, stance: 'opposes' }],
  });
  Object.assign(fixture, { speaker: speaker.slug, topic: topic.slug, statement: statement.id });
});

/** Values no text field accepts. */
const NOT_TEXT: unknown[] = [null, 42, -1, 1e20, true, [], ['a', 'b'], {}, { a: { b: 'c' } }, LONG];
const NOT_REQUIRED_TEXT = [...NOT_TEXT, '', '   '];

type Overrides = Record<string, unknown>;
type Case = [field: string, value: string, make: () => Overrides];

/** One case per value: the field it is about, the value as shown, and the overrides of a valid body (built at run time). */
const each = (field: string, values: unknown[], make: (v: unknown) => Overrides): Case[] =>
  values.map((v) => [field, shown(v), () => make(v)]);
const position = (overrides: Overrides) => [{ topic: fixture.topic, stance: 'supports', strength: 1, ...overrides }];
const relation = (statement_id: unknown, kind: unknown = 'rejects') => ({ kind, statement_id });
const url = (address: unknown, field = 'url') => [{ publisher: 'P', [field]: address }];

/** Overrides of a valid statement body, each of which must be refused. */
const STATEMENT_CASES: Case[] = [
  ...each('speaker', [...NOT_REQUIRED_TEXT, ['x'], { kind: 'person' }, { name: 42, kind: 'person' }], (v) => ({ speaker: v })),
  ...each(
    'speaker',
    [
      { name: { a: 1 }, kind: 'person' },
      { name: LONG, kind: 'person' },
      { name: 'New', kind: 'alien' },
    ],
    (v) => ({
      speaker: v,
    }),
  ),
  ...each('kind', [...NOT_REQUIRED_TEXT, 'QUOTE'], (v) => ({ kind: v })),
  ...each('text', NOT_REQUIRED_TEXT, (v) => ({ text: v })),
  ...each('language', [...NOT_TEXT, 'english', `en${'-abcdefgh'.repeat(100)}`], (v) => ({ language: v })),
  ...each('original_text', NOT_TEXT, (v) => ({ original_text: v, original_language: 'ar' })),
  ['original_language', 'missing while original_text is given', () => ({ original_text: 'بلا لغة' })],
  ...each(
    'said_on',
    [...NOT_TEXT, 20250804, '2025-00', '2025-13', '2025-02-30', '0999', '10000', '-2025', '2025-8-4', '9999-12-31', 'today'],
    (v) => ({ said_on: v }),
  ),
  ...['place', 'context', 'attribution'].flatMap((f) => each(f, NOT_TEXT, (v) => ({ [f]: v }))),
  ...each('sources', ['yes', 1, 'TRUE', {}, []], (v) => ({ sources: [], source_unknown: v })),
  ...each(
    'sources',
    ['https://example.org', {}, 42, null, [1], [null], [{}], [[]], [{ publisher: 42 }], [{ publisher: { name: 'P' } }]],
    (v) => ({ sources: v }),
  ),
  ...each('sources.url', [42, 'javascript:alert(1)', `https://example.org/${'a'.repeat(2000)}`], (v) => ({ sources: url(v) })),
  // 1,950 characters, over 5,000 bytes: more than PostgreSQL's b-tree index on sources.url can hold.
  ['sources.url', '1,950 CJK letters long', () => ({ sources: url(`https://example.org/${incompressible(1950)}`) })],
  [
    'sources.archived_url',
    '1,950 CJK letters long',
    () => ({ sources: url(`https://example.org/${incompressible(1950)}`, 'archived_url') }),
  ],
  ...each('sources.published_on', ['2025-00', 20250805], (v) => ({ sources: url(v, 'published_on') })),
  ['sources', '11 sources', () => ({ sources: Array.from({ length: 11 }, (_, i) => ({ publisher: `P${i}` })) })],
  ['sources', '5,000 sources', () => ({ sources: Array.from({ length: 5000 }, () => ({ publisher: 'P' })) })],
  ...each('positions', [{}, 'x', [], [1], [null], [[]], { 0: { topic: 'x', stance: 'supports' } }], (v) => ({ positions: v })),
  ...each('positions.topic', [1, [], {}, { name: 42 }, { name: LONG }, { name: 'T', parent: 42 }, '', LONG], (v) => ({
    positions: position({ topic: v }),
  })),
  [
    'positions.topic',
    'a new topic under an unknown parent',
    () => ({
      positions: position({ topic: { name: 'T', parent: 'no-such-topic' } }),
    }),
  ],
  ...each('positions.stance', ['SUPPORTS', 42, null, [], {}, LONG], (v) => ({ positions: position({ stance: v }) })),
  ...each('positions.strength', [3, 0, -1, 1.5, 'strong', '', null, {}, 1e20, 'Infinity', '0x2', '1e0', true, [2]], (v) => ({
    positions: position({ strength: v }),
  })),
  ['positions', 'the same topic twice', () => ({ positions: [...position({}), ...position({ stance: 'opposes' })] })],
  [
    'positions',
    '21 topics',
    () => ({ positions: Array.from({ length: 21 }, (_, i) => ({ topic: { name: `T${i}` }, stance: 'mixed' })) }),
  ],
  ...each('relations.statement_id', ['abc', 1e20, 2147483648, -1, 0, 1.5, null, [], {}, '', '0x10', true, 999_999], (v) => ({
    relations: [relation(v)],
  })),
  ['relations.statement_id', '[an existing id]', () => ({ relations: [relation([fixture.statement])] })],
  ...each('relations.kind', ['REJECTS', 42, null, {}], (v) => ({ relations: [relation(fixture.statement, v)] })),
  ...each('relations', ['x', {}, 42, [1], [null], [{}]], (v) => ({ relations: v })),
  ['relations', 'the same relation twice', () => ({ relations: [relation(fixture.statement), relation(fixture.statement)] })],
  ['relations', '21 relations', () => ({ relations: Array.from({ length: 21 }, () => relation(fixture.statement)) })],
];

describe('POST /api/v1/statements, field by field', () => {
  test.each(STATEMENT_CASES)('when %s is %s, then 422 names it and nothing is written', async (field, _value, make) => {
    const before = await tableCounts(ctx.prisma);

    const res = await ctx.editor.post('/api/v1/statements').send(apiBody(fixture.speaker, fixture.topic, make()));

    expect(unclear(res, true)).toBeUndefined();
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).filter(isAbout(field))).not.toEqual([]);
    expect(await tableCounts(ctx.prisma)).toEqual(before);
  });
});

const SPEAKER_CASES: [string, unknown][] = [
  ...NOT_REQUIRED_TEXT.map((v): [string, unknown] => ['name', v]),
  ['name', 'x'.repeat(201)],
  ...[...NOT_REQUIRED_TEXT, 'alien', 'PERSON'].map((v): [string, unknown] => ['kind', v]),
  ...['description', 'country', 'member_of'].flatMap((f) => NOT_TEXT.map((v): [string, unknown] => [f, v])),
  ['member_of', 'no-such-speaker'],
  ...[42, true, {}, [42], [{}], [null], [LONG], ['x'.repeat(201)], LONG].map((v): [string, unknown] => ['aliases', v]),
  ['aliases', Array.from({ length: 30_000 }, (_, i) => i.toString(36))], // each one a row
];

const TOPIC_CASES: [string, unknown][] = [
  ...NOT_REQUIRED_TEXT.map((v): [string, unknown] => ['name', v]),
  ...['description', 'parent'].flatMap((f) => NOT_TEXT.map((v): [string, unknown] => [f, v])),
  ['parent', 'no-such-topic'],
];

describe('POST /api/v1/speakers and /api/v1/topics, field by field', () => {
  test.each([
    ...SPEAKER_CASES.map(
      ([f, v]) => ['/api/v1/speakers', f, shown(v), { name: 'Hostile Speaker', kind: 'person', [f]: v }] as const,
    ),
    ...TOPIC_CASES.map(([f, v]) => ['/api/v1/topics', f, shown(v), { name: 'Hostile Topic', [f]: v }] as const),
  ])('when %s gets %s %s, then 422 names it and nothing is written', async (route, field, _value, body) => {
    const before = await tableCounts(ctx.prisma);

    const res = await ctx.editor.post(route).send(body);

    expect(unclear(res, true)).toBeUndefined();
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).filter(isAbout(field))).not.toEqual([]);
    expect(await tableCounts(ctx.prisma)).toEqual(before);
  });
});
