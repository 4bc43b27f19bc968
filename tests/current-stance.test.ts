import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { useTestApp } from './support/test-app';

describe('current stances', () => {
  const ctx = useTestApp();

  async function currentOf(speakerId: number, topicId: number) {
    return ctx.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId, topicId } } });
  }

  test('when a later statement is recorded before an earlier one, then the current stance follows the date, not the order of entry', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);

    const later = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2025-06',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });
    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2024-01-10',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({ statementId: later.id, stance: 'opposes' });
  });

  test('when a statement has no date, then a dated one decides the current stance', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const dated = await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: '2020',
      positions: [{ topic: topic.slug, stance: 'mixed' }],
    });

    await makeStatement(ctx.prisma, {
      speaker: speaker.slug,
      said_on: undefined,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    expect(await currentOf(speaker.id, topic.id)).toMatchObject({ statementId: dated.id, stance: 'mixed' });
  });

  test('when many statements by one speaker are recorded at once, then the current stance is the latest dated one', async () => {
    const speaker = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const days = ['2025-01-01', '2025-03-01', '2025-02-01', '2025-05-01', '2025-04-01'];

    const created = await Promise.all(
      days.map((d, i) =>
        makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          said_on: d,
          positions: [{ topic: topic.slug, stance: i % 2 ? 'supports' : 'opposes' }],
        }),
      ),
    );

    expect((await currentOf(speaker.id, topic.id))?.statementId).toBe(created[3]!.id);
  });

  test('when a statement changes speaker or date, then its positions carry the change, and a position cannot be written with other copies', async () => {
    const first = await makeSpeaker(ctx.prisma);
    const second = await makeSpeaker(ctx.prisma);
    const topic = await makeTopic(ctx.prisma);
    const { id } = await makeStatement(ctx.prisma, {
      speaker: first.slug,
      said_on: '2024-03',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    await ctx.prisma.statement.update({
      where: { id },
      data: { speakerId: second.id, saidOn: new Date('2025-01-02'), saidOnPrecision: 'day' },
    });
    await ctx.prisma.position.updateMany({ where: { statementId: id }, data: { speakerId: first.id, saidOn: null } });

    const [position] = await ctx.prisma.position.findMany({ where: { statementId: id } });
    expect(position).toMatchObject({ speakerId: second.id, saidOn: new Date('2025-01-02') });
  });
});
