import request from 'supertest';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { tableCounts, unclear } from './support/hostile';
import { useTestApp } from './support/test-app';

// Every route against a table of malformed query strings, addresses and request
// bodies. The rule: a clear error page or JSON error (or the page itself), never
// a 500, and a refused write leaves every table as it was.

const ctx = useTestApp();
const fixture = { speaker: '', topic: '', statement: '' };

beforeAll(async () => {
  const speaker = await makeSpeaker(ctx.prisma, { kind: 'government' });
  const topic = await makeTopic(ctx.prisma);
  const statement = await makeStatement(ctx.prisma, {
    speaker: speaker.slug,
    positions: [{ topic: topic.slug, stance: 'opposes' }],
  });
  Object.assign(fixture, { speaker: speaker.slug, topic: topic.slug, statement: String(statement.id) });
});

/** `:speaker`, `:topic` and `:statement` stand for the fixture's slugs and id. */
const address = (route: string) => route.replace(/:(speaker|topic|statement)\b/, (_, k: keyof typeof fixture) => fixture[k]);
const isApi = (route: string) => route.startsWith('/api/');
/** Forms need a signed-in editor (a reader is sent to sign in); everything else is asked as a reader. */
const client = (route: string) => (/\/new(\/|$)/.test(route) ? ctx.editor : request(ctx.app));

const PAGES = ['/', '/speakers', '/speakers/new', '/speakers/:speaker', '/topics', '/topics/new', '/topics/:topic'];
const STATEMENT_PAGES = ['/statements', '/statements/new', '/statements/:statement'];
const API = ['/api/v1/speakers', '/api/v1/speakers/:speaker', '/api/v1/topics', '/api/v1/topics/:topic'];
const STATEMENT_API = ['/api/v1/statements', '/api/v1/statements/:statement'];
const GET_ROUTES = [...PAGES, ...STATEMENT_PAGES, ...API, ...STATEMENT_API];

const PARAMS = ['q', 'page', 'limit', 'speaker', 'topic', 'stance', 'kind', 'column', 'member_of', 'parent'];
// Node refuses a request head over 16 KB (431) before the app sees it, so addresses stay under that.
const long = (n: number) => 'ü'.repeat(n / 2) + 'x'.repeat(n / 2);

// Query strings written by hand: supertest would encode what a hostile client sends raw.
const QUERIES = [
  ...PARAMS.map((p) => `${p}=a&${p}=b`),
  ...PARAMS.map((p) => `${p}[a]=b`),
  ...PARAMS.map((p) => `${p}[]=2&${p}[]=3`),
  ...PARAMS.map((p) => `${p}[0][$ne]=x`),
  PARAMS.map((p) => `${p}=${encodeURIComponent(long(400))}`).join('&'),
  ...PARAMS.map((p) => `${p}=${'x'.repeat(10_000)}`),
  'a[b][c][d][e][f][g][h][i][j]=1',
  '__proto__[page]=2&constructor[prototype][limit]=3',
  'toString=x&valueOf=y&hasOwnProperty=z&page=toString',
  ...['99999999999999999999', '-1', '0', '1.5', 'abc', '1e400', '10001', 'Infinity', '%20', '0x10'].flatMap((n) => [
    `page=${n}`,
    `limit=${n}`,
  ]),
  ...['%E0%A4%A', '%', '%ZZ', '%ED%A0%80', '%C0%AF', '%FF%FE', '%E2%80%8F%D8%A7', '%F0%9F%99%82', 'e%CC%81%CC%81%CC%81'].flatMap(
    (v) => [`q=${v}`, `speaker=${v}&topic=${v}&kind=${v}&stance=${v}&column=${v}`],
  ),
  '',
  '&&&',
  '=x&=y',
  'page&limit&q',
  Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&'),
];

describe('malformed query strings', () => {
  test.each(GET_ROUTES)(
    'when %s is asked with repeated, nested, huge, non-numeric or badly encoded parameters, then every answer is clear, never a 500',
    async (route) => {
      const problems: string[] = [];
      for (const query of QUERIES) {
        const res = await client(route).get(`${address(route)}?${query}`);
        const problem = unclear(res, isApi(route));
        if (problem) problems.push(`?${query.slice(0, 80)} → ${problem}`);
      }

      expect(problems).toEqual([]);
    },
  );

  test('when a query string is longer than the 16 KB Node allows in a request head, then Node refuses it with 431, not a 500', async () => {
    const res = await request(ctx.app).get(`/speakers?q=${'x'.repeat(100_000)}`);

    expect(res.status).toBe(431);
  });
});

const SLUGS = ['%E0%A4%A', '%', '%ZZ', '%ED%A0%80', '%C0%AF', '%20', '%2F', '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor'];
const IDS = ['0', '-1', '1.5', '1e3', '01', '0x10', '2147483648', '99999999999999999999', 'abc', '%D9%A1', '1%20', '%00'];
const HOSTILE_ADDRESSES = [
  ...['/speakers/', '/topics/', '/api/v1/speakers/', '/api/v1/topics/'].flatMap((r) =>
    [...SLUGS, 'x'.repeat(10_000), encodeURIComponent(long(2000)), '%F0%9F%99%82'].map((s) => r + s),
  ),
  ...['/statements/', '/api/v1/statements/'].flatMap((r) => [...SLUGS, ...IDS].map((id) => r + id)),
  '/%E0%A4%A',
  '/api/v1/%',
  '//speakers',
  '/speakers/x/y',
  '/statements/new/',
  '/api/v1/statements/1/',
];

describe('malformed addresses', () => {
  test.each(HOSTILE_ADDRESSES.map((path) => [path.slice(0, 60), path]))(
    'when %s is asked for, then the answer is a clear not found or bad request',
    async (_shown, path) => {
      const res = await client(path).get(path);

      expect(unclear(res, path.startsWith('/api/'))).toBeUndefined();
      expect([200, 400, 404]).toContain(res.status);
    },
  );
});

describe('methods no route answers', () => {
  test.each(['put', 'patch', 'delete'] as const)(
    'when %s is sent to every route without signing in, then each answer is a clear not found (or 401 where the API edits a record) and nothing is written',
    async (method) => {
      const before = await tableCounts(ctx.prisma);
      const problems: string[] = [];
      for (const route of GET_ROUTES) {
        const res = await request(ctx.app)[method](address(route)).send({ name: 'Put' });
        // Part 3: PUT and DELETE of an API record exist now, and need a user.
        const refused = res.status === 404 || (res.status === 401 && method !== 'patch' && isApi(route));
        const problem = unclear(res, isApi(route)) ?? (refused ? undefined : `${res.status}`);
        if (problem) problems.push(`${route} → ${problem}`);
      }

      expect(problems).toEqual([]);
      expect(await tableCounts(ctx.prisma)).toEqual(before);
    },
  );
});

type Body = { type?: string; body: string | Buffer; headers?: Record<string, string> };

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
const JSON_BODIES: Body[] = [
  ...['[]', '[{}]', '"text"', '42', 'null', 'true', '{}', '{', '{"name":"x",}', "{'name':'x'}", '', '\uFEFF{}'].map((body) => ({
    type: 'application/json',
    body,
  })),
  { type: 'application/json', body: nested(5000, '{"name":', '') + '1' + '}'.repeat(5000) },
  { type: 'application/json', body: nested(100_000, '[', ']') },
  { type: 'application/json', body: '{"__proto__":{"name":"Polluted","kind":"person"},"constructor":{"prototype":{"x":1}}}' },
  { type: 'application/json', body: `{"name":"${'x'.repeat(300_000)}"}` },
  { type: 'application/json; charset=utf-16', body: '{"name":"x"}' },
  { type: 'application/json', body: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) },
  { type: 'application/json', body: 'not gzip', headers: { 'Content-Encoding': 'gzip' } },
  { type: 'application/json', body: '{}', headers: { 'Content-Encoding': 'snappy' } },
  { type: 'text/plain', body: '{"name":"Plain text","kind":"person"}' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--x--' },
];
const FORM_BODIES: Body[] = [
  { type: 'application/x-www-form-urlencoded', body: '' },
  { type: 'application/x-www-form-urlencoded', body: '{"name":"JSON as a form","kind":"person"}' },
  { type: 'application/x-www-form-urlencoded', body: 'kind=%&text=%ZZ&speaker=%ED%A0%80&description=%E0%A4%A' },
  { type: 'application/x-www-form-urlencoded', body: `name${'[a]'.repeat(40)}=deep` },
  { type: 'application/x-www-form-urlencoded', body: Array.from({ length: 2100 }, (_, i) => `f${i}=${i}`).join('&') },
  { type: 'application/x-www-form-urlencoded', body: `text=${'x'.repeat(300_000)}` },
  { type: 'application/x-www-form-urlencoded; charset=koi8-r', body: 'name=x' },
];

const POST_ROUTES = [
  '/speakers/new',
  '/topics/new',
  '/statements/new',
  '/api/v1/speakers',
  '/api/v1/topics',
  '/api/v1/statements',
];

describe('request bodies of the wrong shape, type or encoding', () => {
  test.each(POST_ROUTES)(
    'when %s receives each of them, then every answer is a clear error and nothing is written',
    async (route) => {
      const before = await tableCounts(ctx.prisma);
      const problems: string[] = [];
      for (const { type, body, headers } of [...JSON_BODIES, ...FORM_BODIES]) {
        const req = ctx.editor.post(route).set(headers ?? {});
        const res = await (type ? req.set('Content-Type', type) : req).send(body);
        const problem = unclear(res, isApi(route)) ?? (res.status < 400 ? `${res.status} accepted` : undefined);
        if (problem) problems.push(`${type} ${String(body).slice(0, 60)} → ${problem}`);
      }

      expect(problems).toEqual([]);
      expect(await tableCounts(ctx.prisma)).toEqual(before);
    },
  );
});
