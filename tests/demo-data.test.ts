import request from 'supertest';
import { loadDemoData, loadDemoDataIfEmpty } from '../src/demo/demo-data';
import { useTestApp } from './support/test-app';

const TOPIC = 'separate-druze-region-in-southern-syria';

describe('the demo data from the seed article', () => {
  const ctx = useTestApp();

  test('when the database is empty, then the article is loaded as attributed statements', async () => {
    expect(await loadDemoDataIfEmpty(ctx.prisma)).toBe(true);

    const statements = await ctx.prisma.statement.findMany({
      include: { speaker: true, positions: { include: { topic: true } } },
    });
    const bySpeaker = (slug: string) => statements.filter((s) => s.speaker.slug === slug);
    expect(bySpeaker('hikmat-al-hijri').map((s) => s.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('to announce a separate region to protect us'),
        expect.stringContaining('Our path begins under a new banner'),
        expect.stringContaining('civil constitution'),
      ]),
    );
    const rejection = bySpeaker('saudi-arabia').find((s) => s.text.includes('categorically rejects'))!;
    expect(rejection.kind).toBe('official_position');
    expect(rejection.positions).toEqual([expect.objectContaining({ stance: 'opposes', strength: 2 })]);
    expect(bySpeaker('saudi-arabia').some((s) => s.text.includes('building the new Syrian state'))).toBe(true);
    expect(bySpeaker('syrian-government')).toEqual([expect.objectContaining({ kind: 'no_comment' })]);
    // Month precision where the article gives no day, and no invented URL.
    expect(rejection.saidOnPrecision).toBe('month');
    expect(await ctx.prisma.source.count({ where: { url: { not: null } } })).toBe(0);
  });

  test('when Saudi Arabia rejects the call, then the relation is recorded from the rejection to the call', async () => {
    const relation = await ctx.prisma.statementRelation.findFirstOrThrow({
      where: { kind: 'rejects' },
      include: { from: { include: { speaker: true } }, to: { include: { speaker: true } } },
    });
    expect(relation.from.speaker.slug).toBe('saudi-arabia');
    expect(relation.to.speaker.slug).toBe('hikmat-al-hijri');
    expect(relation.to.text).toContain('separate region');
  });

  test('when the seed runs again, then nothing is duplicated', async () => {
    const before = await Promise.all([ctx.prisma.statement.count(), ctx.prisma.speaker.count(), ctx.prisma.topic.count()]);

    const { created } = await loadDemoData(ctx.prisma);

    expect(created).toBe(0);
    expect(await Promise.all([ctx.prisma.statement.count(), ctx.prisma.speaker.count(), ctx.prisma.topic.count()])).toEqual(
      before,
    );
    expect(await loadDemoDataIfEmpty(ctx.prisma)).toBe(false);
  });

  test('when the separate-region topic is compared, then Al Hijri supports, Saudi Arabia opposes and Damascus has no comment', async () => {
    const stances = await ctx.prisma.currentStance.findMany({
      where: { topic: { slug: TOPIC } },
      include: { speaker: true, statement: true },
    });
    const of = (slug: string) => stances.find((s) => s.speaker.slug === slug);
    expect(of('hikmat-al-hijri')?.stance).toBe('supports');
    expect(of('saudi-arabia')).toMatchObject({ stance: 'opposes', strength: 2 });
    expect(of('syrian-government')?.statement.kind).toBe('no_comment');
  });

  test('when the front page is opened, then the demo statements are listed', async () => {
    const res = await request(ctx.app).get('/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('categorically rejects any separatist calls that [would] divide Syria');
    expect(res.text).toContain('There was no immediate reaction from Damascus.');
    expect(res.text).toContain('August 2025');
  });
});
