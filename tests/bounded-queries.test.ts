import { emptyTables } from './support/empty-tables';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { countingApp } from './support/query-counter';
import { useTestApp } from './support/test-app';

// Issue 3 asks that search, compare and history pages (and the pages around
// them) read the database a bounded number of times whatever the data size:
// no query per statement, speaker, source or relation.

const PAGES = [
  '/search?q=ceasefire',
  '/search?q=ceasefire&speaker=first-speaker&from=2020',
  '/search/feed.atom?q=ceasefire',
  '/compare?topics=truce,border&speakers=first-speaker,second-speaker',
  '/speakers/first-speaker/topics/truce',
  '/speakers/first-speaker',
  '/topics/truce',
  '/speakers/first-speaker/feed.atom',
  '/topics/truce/feed.atom',
  '/',
];

describe('the number of queries a page takes', () => {
  const ctx = useTestApp();

  test('when the record grows from a handful of statements to many, with sources, relations and shifts, then no page reads the database more often', async () => {
    await emptyTables(ctx.prisma);
    const truce = await makeTopic(ctx.prisma, { name: 'Truce' });
    const border = await makeTopic(ctx.prisma, { name: 'Border' });
    const first = await makeSpeaker(ctx.prisma, { name: 'First Speaker' });
    const second = await makeSpeaker(ctx.prisma, { name: 'Second Speaker', kind: 'government' });
    const firstStatement = await makeStatement(ctx.prisma, {
      speaker: first.slug,
      text: 'A ceasefire must hold.',
      said_on: '2021-01-01',
      positions: [{ topic: truce.slug, stance: 'supports' }],
    });
    await makeStatement(ctx.prisma, {
      speaker: second.slug,
      text: 'The ceasefire is welcome.',
      said_on: '2021-01-02',
      positions: [{ topic: border.slug, stance: 'supports' }],
    });

    const counter = countingApp(ctx.db.url);
    try {
      const counts = async () => {
        const result: Record<string, number> = {};
        for (const url of PAGES) {
          await counter.count(url); // warm whatever a page caches
          result[url] = await counter.count(url);
        }
        return result;
      };
      const small = await counts();

      const others = [];
      for (let i = 0; i < 6; i++) others.push(await makeSpeaker(ctx.prisma, { name: `Other ${i}`, kind: 'organisation' }));
      for (let i = 0; i < 40; i++) {
        const speaker = [first, second, ...others][i % 8]!;
        await makeStatement(ctx.prisma, {
          speaker: speaker.slug,
          text: `Statement ${i}: the ceasefire ${i % 2 ? 'holds' : 'is broken'} near crossing ${i}.`,
          said_on: `20${22 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`,
          positions: [
            { topic: truce.slug, stance: i % 3 ? 'opposes' : 'supports' },
            { topic: border.slug, stance: i % 2 ? 'neutral' : 'opposes' },
          ],
          sources: [{ publisher: `Outlet ${i}`, url: `https://news.example/${i}` }],
          relations: i % 5 === 0 ? [{ kind: 'rejects', statement_id: firstStatement.id }] : [],
        });
      }
      const large = await counts();

      expect(Math.min(...Object.values(small))).toBeGreaterThan(0); // the counter counts
      expect(large).toEqual(small);
      expect(Math.max(...Object.values(large))).toBeLessThanOrEqual(20);
    } finally {
      await counter.close();
    }
  }, 60_000);
});
