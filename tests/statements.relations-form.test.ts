import request from 'supertest';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { errorBeside, formFields, inputValue, rowCounts, selectedValue, urlencoded } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// "This statement [rejects] statement [12 or /statements/12]" rows in the
// add-a-statement form, shown on both statements' pages.

const ctx = useTestApp();

const submit = (fields: Record<string, string>) => ctx.editor.post('/statements/new').type('form').send(urlencoded(fields));

let callId: number;
let topic: string;

beforeAll(async () => {
  const leader = await makeSpeaker(ctx.prisma, { name: 'Regional Leader' });
  await makeSpeaker(ctx.prisma, { name: 'Kingdom Of Example', kind: 'government' });
  topic = (await makeTopic(ctx.prisma, { name: 'A separate region' })).slug;
  callId = (
    await makeStatement(ctx.prisma, {
      speaker: leader.slug,
      text: 'We call for a separate region.',
      said_on: '2025-08-01',
      positions: [{ topic, stance: 'supports' }],
    })
  ).id;
});

const relationRow = (kind: string, statement: string, i = 0) => ({
  [`relations[${i}][kind]`]: kind,
  [`relations[${i}][statement]`]: statement,
});

describe('related statements in the form', () => {
  test('when the form is opened, then it has two blank relation rows with the four kinds', async () => {
    const res = await ctx.editor.get('/statements/new');

    expect(res.text).toContain('name="relations[0][kind]"');
    expect(res.text).toContain('name="relations[1][statement]"');
    expect(res.text).not.toContain('name="relations[2][kind]"');
    for (const label of ['responds to', 'rejects', 'endorses', 'contradicts']) expect(res.text).toContain(`>${label}</option>`);
  });

  test('when a statement is saved as rejecting another by its permalink, then both pages show the link ("Rejected by: …, August 2025")', async () => {
    const res = await submit(
      formFields('Kingdom Of Example', topic, {
        text: 'The kingdom rejects the call.',
        said_on: '2025-08',
        ...relationRow('rejects', `/statements/${callId}`),
      }),
    );

    expect(res.status).toBe(303);
    const newId = Number(res.headers.location!.split('/').pop());
    const relation = await ctx.prisma.statementRelation.findFirstOrThrow({ where: { fromId: newId } });
    expect(relation).toEqual(expect.objectContaining({ toId: callId, kind: 'rejects' }));
    const rejecting = await request(ctx.app).get(`/statements/${newId}`);
    expect(rejecting.text).toMatch(
      /<strong>Rejects:<\/strong> <a href="\/speakers\/regional-leader">Regional Leader<\/a>, 1 August 2025/,
    );
    const rejected = await request(ctx.app).get(`/statements/${callId}`);
    expect(rejected.text).toMatch(
      /<strong>Rejected by:<\/strong> <a href="\/speakers\/kingdom-of-example">Kingdom Of Example<\/a>, August 2025/,
    );
  });

  test.each([
    ['a plain number', (id: number) => String(id)],
    ['a number with #', (id: number) => `#${id}`],
    ['a full address', (id: number) => `http://127.0.0.1:3000/statements/${id}`],
    ['an address with a trailing slash and fragment', (id: number) => `https://onrecord.example/statements/${id}/#sources`],
  ])('when the other statement is given as %s, then the relation is saved', async (how, ref) => {
    const res = await submit(
      formFields('Kingdom Of Example', topic, {
        text: `Responding; the other statement was given as ${how}.`,
        allow_duplicate: 'on',
        ...relationRow('responds_to', ref(callId)),
      }),
    );

    expect(res.status).toBe(303);
    const newId = Number(res.headers.location!.split('/').pop());
    expect(await ctx.prisma.statementRelation.count({ where: { fromId: newId, toId: callId, kind: 'responds_to' } })).toBe(1);
  });

  test.each([
    ['not a number or address', 'rejects', 'the one from yesterday', /number \(12\) or its address/],
    ['an address of another page', 'rejects', '/speakers/12', /number \(12\) or its address/],
    ['a statement not on record', 'rejects', '999999', /No statement with the id 999999/],
    ['an id past int4', 'rejects', '99999999999', /number \(12\) or its address/],
    ['an id too large for an id', 'rejects', '3000000000', /whole number from 1 to/],
    ['no kind', '', '1', /Choose responds_to, rejects, endorses or contradicts/],
    ['no statement', 'endorses', '', /Give the id of the other statement/],
  ])('when a relation row has %s, then 422 says so beside that row and keeps it', async (_, kind, statement, message) => {
    const before = await rowCounts(ctx.prisma);

    const res = await submit(
      formFields('Kingdom Of Example', topic, { text: 'A bad relation.', ...relationRow(kind, statement) }),
    );

    expect(res.status).toBe(422);
    const field = kind === '' ? 'relations-0-kind' : 'relations-0-statement_id';
    expect(errorBeside(res.text, field)).toMatch(message);
    expect(inputValue(res.text, 'relations-0-statement_id')).toBe(statement);
    expect(selectedValue(res.text, 'relations-0-kind')).toBe(kind);
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  test('when the same relation is listed twice, then the second row says so', async () => {
    const res = await submit(
      formFields('Kingdom Of Example', topic, {
        text: 'Twice the same link.',
        ...relationRow('rejects', String(callId), 0),
        ...relationRow('rejects', `/statements/${callId}`, 1),
      }),
    );

    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'relations-1-statement_id')).toBe('This relation is already listed above');
    expect(res.text).toContain('name="relations[2][kind]"');
  });
});
