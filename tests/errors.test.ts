import request from 'supertest';
import { createApp } from '../src/app';
import { createPrismaClient } from '../src/db/client';
import { useTestApp } from './support/test-app';

describe('error pages', () => {
  const ctx = useTestApp();

  test('when a page does not exist, then a readable 404 page links back to the site', async () => {
    const res = await request(ctx.app).get('/no/such/page');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(res.text).toContain('href="/topics"');
  });

  test('when an API route does not exist, then the answer is a JSON error', async () => {
    const res = await request(ctx.app).get('/api/v1/nothing-here');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  test('when the stylesheet is requested, then it is served', async () => {
    const res = await request(ctx.app).get('/static/app.css');

    expect(res.status).toBe(200);
    expect(res.text).toContain('.stance-supports');
  });
});

describe('when the database is unreachable', () => {
  const prisma = createPrismaClient('postgresql://postgres@127.0.0.1:1/unreachable', 1);
  const app = createApp({ prisma });
  let errorSpy: jest.SpyInstance;
  beforeAll(() => {
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    errorSpy.mockRestore();
    await prisma.$disconnect();
  });

  test('then a page answers 500 with a page that reveals nothing internal', async () => {
    const res = await request(app).get('/');

    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong');
    expect(res.text).not.toMatch(/ECONNREFUSED|prisma|at .*\.ts|127\.0\.0\.1:1/i);
    expect(errorSpy).toHaveBeenCalled();
  });

  test('then the API answers 500 with a JSON error that reveals nothing internal', async () => {
    const res = await request(app).get('/api/v1/speakers');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|prisma|127\.0\.0\.1/i);
  });
});

describe('input PostgreSQL cannot store', () => {
  const ctx = useTestApp();

  test.each([
    ['a page address', () => request(ctx.app).get('/speakers?q=a%00b')],
    ['a permalink slug', () => request(ctx.app).get('/api/v1/speakers/a%00b')],
    ['a form body', () => ctx.editor.post('/topics/new').type('form').send('name=a%00b')],
    ['a JSON body', () => ctx.editor.post('/api/v1/topics').send({ name: 'a\u0000b' })],
  ])('when %s carries a NUL character, then the answer is 400 with a reason and nothing is written', async (_where, send) => {
    const res = await send();

    expect(res.status).toBe(400);
    expect(res.text).toContain('NUL character');
    expect(await ctx.prisma.topic.count()).toBe(0);
  });
});
