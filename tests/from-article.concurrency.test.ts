import { makeSpeaker, makeTopic } from './support/factories';
import { encodeFields, reviewFields, type ReviewRowFields } from './support/from-article';
import { apiBody } from './support/statement-fixtures';
import { useTestApp } from './support/test-app';

// An article's save holds many speakers' locks in one transaction, beside
// other editors' writes on the same speakers and topic.

const ctx = useTestApp();

test('when two articles naming the same speakers in opposite orders are saved at once, beside single statements by those speakers on the same topic, then every write goes through', async () => {
  const topic = await makeTopic(ctx.prisma);
  const [a, b, c] = await Promise.all(
    ['Concurrent Alpha', 'Concurrent Beta', 'Concurrent Gamma'].map((name) => makeSpeaker(ctx.prisma, { name })),
  );
  let n = 0;
  const row = (slug: string): ReviewRowFields => ({
    speaker: slug,
    speaker_choice: slug,
    text: `Remark ${++n} at the same moment`,
    topic: topic.slug,
    allow_duplicate: true,
  });
  const article = (slugs: string[]) =>
    ctx.editor
      .post('/statements/from-article')
      .type('form')
      .send(encodeFields(reviewFields(slugs.map(row), { source: { url: `https://example.org/article-${++n}` } })));
  const single = (slug: string) =>
    ctx.editor.post('/api/v1/statements').send(apiBody(slug, topic.slug, { text: `Single ${++n}`, allow_duplicate: true }));

  for (let round = 0; round < 4; round++) {
    const answers = await Promise.all([
      article([a!.slug, b!.slug, c!.slug]),
      article([c!.slug, b!.slug, a!.slug]),
      single(b!.slug),
      single(c!.slug),
      article([b!.slug, a!.slug]),
      single(a!.slug),
    ]);
    expect(answers.map((r) => r.status)).toEqual([303, 303, 201, 201, 303, 201]);
  }
  expect(await ctx.prisma.statement.count({ where: { positions: { some: { topicId: topic.id } } } })).toBe(4 * (3 + 3 + 2 + 3));
});
