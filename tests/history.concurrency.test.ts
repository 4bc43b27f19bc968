import { makeSpeaker, makeTopic } from './support/factories';
import { useTestApp } from './support/test-app';

describe('concurrent writes to the history tables', () => {
  const ctx = useTestApp();

  test('when many editors record statements on the same two topics at once, listed in opposite orders, then all are saved and the monthly counts add up', async () => {
    const [a, b] = [await makeTopic(ctx.prisma), await makeTopic(ctx.prisma)];
    const speakers = await Promise.all(Array.from({ length: 12 }, () => makeSpeaker(ctx.prisma)));
    const body = (i: number) => ({
      speaker: speakers[i]!.slug,
      kind: 'quote',
      text: `Said at the same moment, version ${i}`,
      language: 'en',
      said_on: '2025-08-04',
      source_unknown: true,
      positions: (i % 2 ? [a, b] : [b, a]).map((t) => ({ topic: t.slug, stance: 'supports' })),
    });

    const responses = await Promise.all(speakers.map((_, i) => ctx.editor.post('/api/v1/statements').send(body(i))));

    expect(responses.map((r) => r.status)).toEqual(speakers.map(() => 201));
    const counts = await ctx.prisma.topicStanceMonth.findMany({
      where: { topicId: { in: [a.id, b.id] } },
      orderBy: { topicId: 'asc' },
    });
    expect(counts.map((c) => [c.topicId, c.stance, c.positions])).toEqual([
      [a.id, 'supports', 12],
      [b.id, 'supports', 12],
    ]);
  });
});
