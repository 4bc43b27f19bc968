import { useTestApp } from './support/test-app';

describe('concurrent writes', () => {
  const ctx = useTestApp();

  test('when several editors record statements by the same new speaker on the same new topic at once, then all are saved under one speaker and one topic', async () => {
    const body = (i: number) => ({
      speaker: { name: 'Brand New Spokesperson', kind: 'person' },
      kind: 'quote',
      text: `Said at the same moment, version ${i}`,
      language: 'en',
      said_on: '2025-08',
      source_unknown: true,
      positions: [{ topic: { name: 'A topic nobody had named' }, stance: 'supports' }],
      // The versions differ by one word: the duplicate check would otherwise hold back all but the first.
      allow_duplicate: true,
    });

    const responses = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => ctx.editor.post('/api/v1/statements').send(body(i))));

    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const speakers = await ctx.prisma.speaker.findMany({
      where: { name: 'Brand New Spokesperson' },
      include: { _count: { select: { statements: true } } },
    });
    expect(speakers).toEqual([expect.objectContaining({ slug: 'brand-new-spokesperson', _count: { statements: 6 } })]);
    expect(await ctx.prisma.topic.count({ where: { name: 'A topic nobody had named' } })).toBe(1);
    expect(await ctx.prisma.currentStance.count({ where: { speakerId: speakers[0]!.id } })).toBe(1);
  });

  test('when two editors add speakers of the same name at once through the form, then both are saved, each with its own slug', async () => {
    const send = () =>
      ctx.editor.post('/speakers/new').type('form').send({ name: 'Twin Ministry', kind: 'ministry', confirm_new_speaker: 'on' });

    const responses = await Promise.all([send(), send(), send()]);

    expect(responses.map((r) => r.status)).toEqual([303, 303, 303]);
    const slugs = (await ctx.prisma.speaker.findMany({ where: { name: 'Twin Ministry' }, select: { slug: true } })).map(
      (s) => s.slug,
    );
    expect(slugs.sort()).toEqual(['twin-ministry', 'twin-ministry-2', 'twin-ministry-3']);
  });

  test('when the same statement is posted several times at once without allow_duplicate, then exactly one is saved and the others answer 409 with its id', async () => {
    await ctx.editor.post('/api/v1/speakers').send({ name: 'Echo Chamber Office', kind: 'organisation' }).expect(201);
    const body = {
      speaker: 'echo-chamber-office',
      kind: 'quote',
      text: 'We said it once and we meant it.',
      said_on: '2025-09',
      source_unknown: true,
      positions: [{ topic: { name: 'Echoes' }, stance: 'supports' }],
    };

    const responses = await Promise.all([0, 1, 2, 3, 4].map(() => ctx.editor.post('/api/v1/statements').send(body)));

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const saved = await ctx.prisma.statement.findMany({
      where: { speaker: { slug: 'echo-chamber-office' } },
      select: { id: true },
    });
    expect(saved).toHaveLength(1);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body.error).toEqual(expect.objectContaining({ code: 'duplicate_statement', existing_id: saved[0]!.id }));
    }
  });
});
