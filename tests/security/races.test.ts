import { signIn, type SignedIn } from '../support/sign-in';
import { formFields, urlencoded } from '../support/statement-fixtures';
import { useTestApp } from '../support/test-app';
import { makeTargets, type Targets } from './support';

// Two people pressing Save at the same moment from the same version: exactly
// one save wins, the other is told (409) and keeps their words on screen, and
// the record and its history hold the winner's change only once.

const ctx = useTestApp();
let a: SignedIn;
let b: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  [a, b, admin] = await Promise.all([
    signIn(ctx.app, ctx.prisma, 'editor', 'Editor A'),
    signIn(ctx.app, ctx.prisma, 'editor', 'Editor B'),
    signIn(ctx.app, ctx.prisma, 'admin'),
  ]);
});

const revisions = (entity: 'statement' | 'speaker' | 'topic', entityId: number) =>
  ctx.prisma.revision.findMany({ where: { entity, entityId }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } });

/** The two answers, the winner's index and the loser's. */
function settle(answers: { status: number }[]): [winner: number, loser: number] {
  expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
  return answers[0]!.status === 303 ? [0, 1] : [1, 0];
}

describe('two saves of one version at once, through the pages', () => {
  test.each([1, 2, 3])(
    'when two editors save the statement form from the same version at once (round %i), then one is saved (303), the other gets 409 with their words kept, and one revision is added',
    async () => {
      const t: Targets = await makeTargets(ctx.app, ctx.prisma, admin.apiToken);
      const before = await revisions('statement', t.statement);
      const texts = ['Editor A’s version of the words', 'Editor B’s version of the words'];

      const answers = await Promise.all(
        [a, b].map((editor, i) =>
          editor.agent
            .post(`/statements/${t.statement}/edit`)
            .type('form')
            .send(urlencoded({ ...formFields(t.speaker, t.topic, { text: texts[i]! }), version: '2' })),
        ),
      );

      const [won, lost] = settle(answers);
      expect(answers[won]!.headers.location).toBe(`/statements/${t.statement}`);
      expect(answers[lost]!.text).toContain('Someone else saved this statement');
      expect(answers[lost]!.text).toContain(texts[lost]);
      expect(answers[lost]!.text).toContain('name="version" value="3"');
      const stored = await ctx.prisma.statement.findUniqueOrThrow({ where: { id: t.statement } });
      expect([stored.text, stored.version]).toEqual([texts[won], 3]);
      const after = await revisions('statement', t.statement);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length)).toEqual([{ action: 'update', actorId: [a, b][won]!.user.id }]);
    },
  );

  test.each([
    ['speaker', (t: Targets) => t.speaker],
    ['topic', (t: Targets) => t.topic],
  ] as const)(
    'when two editors save the %s form from the same version at once, then one is saved and the other gets 409, with one revision added',
    async (entity, slugOf) => {
      const t = await makeTargets(ctx.app, ctx.prisma, admin.apiToken);
      const slug = slugOf(t);
      const names = ['Named by A', 'Named by B'];
      const form = (name: string) =>
        entity === 'speaker' ? { name, slug, kind: 'person', version: '2' } : { name, slug, version: '2' };

      const answers = await Promise.all(
        [a, b].map((editor, i) => editor.agent.post(`/${entity}s/${slug}/edit`).type('form').send(form(names[i]!))),
      );

      const [won, lost] = settle(answers);
      expect(answers[lost]!.text).toContain(names[lost]);
      const stored =
        entity === 'speaker'
          ? await ctx.prisma.speaker.findUniqueOrThrow({ where: { slug } })
          : await ctx.prisma.topic.findUniqueOrThrow({ where: { slug } });
      expect([stored.name, stored.version]).toEqual([names[won], 3]);
      const updates = (await revisions(entity, stored.id)).filter((r) => r.action === 'update');
      expect(updates).toHaveLength(2); // the one made with the targets, and the winner's
    },
  );

  test('when the same statement is restored from the trash twice at once, then it comes back once with one restore revision', async () => {
    const t = await makeTargets(ctx.app, ctx.prisma, admin.apiToken);
    const second = await signIn(ctx.app, ctx.prisma, 'admin');
    const { entityId } = await ctx.prisma.revision.findUniqueOrThrow({ where: { id: t.trashRevision } });

    const answers = await Promise.all(
      [admin, second].map((user) => user.agent.post(`/admin/trash/${t.trashRevision}/restore`).type('form').send({})),
    );

    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(303);
    expect([404, 409]).toContain(statuses[1]);
    expect(await ctx.prisma.statement.count({ where: { id: entityId } })).toBe(1);
    expect((await revisions('statement', entityId)).filter((r) => r.action === 'restore')).toHaveLength(1);
  });
});
