import { newStatementInput } from '../src/statements/statements.schema';
import { deleteStatement, revertStatement, updateStatement } from '../src/statements/statements.edit';
import { listTrash, restoreStatement } from '../src/statements/statements.trash';
import { EditConflictError, listRevisions } from '../src/revisions/revisions.service';
import { ConflictError } from '../src/http/errors';
import { derivedState } from './support/derived';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('editing statements (services, against PostgreSQL)', () => {
  let db: TestDatabase;
  let editorId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    editorId = (
      await db.prisma.user.create({ data: { email: 'ed@example.org', name: 'Ed Itor', role: 'editor', passwordHash: 'x' } })
    ).id;
  });
  afterAll(() => db.close());

  const input = (fields: Record<string, unknown>) =>
    newStatementInput.parse({
      kind: 'quote',
      text: 'Words',
      said_on: '2025-03',
      source_unknown: true,
      allow_duplicate: true,
      ...fields,
    });

  async function expectDerivedRight() {
    const { stored, recomputed } = await derivedState(db.prisma);
    expect(stored).toEqual(recomputed);
  }

  test('when a statement is recorded, then a create revision with its snapshot is written in the same transaction', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const [revision] = await listRevisions(db.prisma, 'statement', id);
    expect(revision).toMatchObject({ action: 'create', version: 1, actor: null });
    expect(revision!.snapshot).toMatchObject({
      id,
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    expect(revision!.diff.text).toEqual({ from: null, to: expect.any(String) });
  });

  test('when an edit changes the text and the stance, then version goes up, the diff lists only those fields and the stances follow', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      text: 'Old words',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const saved = await updateStatement(
      db.prisma,
      id,
      input({
        speaker: speaker.slug,
        text: 'New words',
        said_on: '2025-08-04',
        sources: [
          {
            publisher: 'Test Gazette',
            url: (await db.prisma.source.findFirst({ where: { statements: { some: { statementId: id } } } }))!.url,
          },
        ],
        source_unknown: false,
        positions: [{ topic: topic.slug, stance: 'opposes', strength: 2 }],
      }),
      1,
      editorId,
    );

    expect(saved.version).toBe(2);
    const [revision] = await listRevisions(db.prisma, 'statement', id);
    expect(revision).toMatchObject({ action: 'update', version: 2, actor: { id: editorId, name: 'Ed Itor' } });
    expect(Object.keys(revision!.diff).sort()).toEqual(['positions', 'text']);
    expect(revision!.diff.positions).toEqual({ from: [`${topic.slug}: supports`], to: [`${topic.slug}: opposes (strong)`] });
    const current = await db.prisma.currentStance.findUnique({
      where: { speakerId_topicId: { speakerId: speaker.id, topicId: topic.id } },
    });
    expect(current).toMatchObject({ stance: 'opposes', strength: 2 });
    await expectDerivedRight();
  });

  test('when an edit moves a statement to another speaker and topic, then both old and new pairs are recomputed', async () => {
    const a = await makeSpeaker(db.prisma);
    const b = await makeSpeaker(db.prisma);
    const t1 = await makeTopic(db.prisma);
    const t2 = await makeTopic(db.prisma);
    await makeStatement(db.prisma, { speaker: a.slug, said_on: '2024-01', positions: [{ topic: t1.slug, stance: 'opposes' }] });
    const { id } = await makeStatement(db.prisma, {
      speaker: a.slug,
      said_on: '2025-01',
      positions: [{ topic: t1.slug, stance: 'supports' }],
    });
    expect(await db.prisma.stanceShift.count({ where: { speakerId: a.id, topicId: t1.id } })).toBe(1);

    await updateStatement(
      db.prisma,
      id,
      input({ speaker: b.slug, said_on: '2025-01', positions: [{ topic: t2.slug, stance: 'supports' }] }),
      1,
      editorId,
    );

    expect(await db.prisma.stanceShift.count({ where: { speakerId: a.id, topicId: t1.id } })).toBe(0);
    expect(
      await db.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: a.id, topicId: t1.id } } }),
    ).toMatchObject({ stance: 'opposes' });
    expect(
      await db.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: b.id, topicId: t2.id } } }),
    ).toMatchObject({ statementId: id });
    expect(await db.prisma.position.findFirst({ where: { statementId: id } })).toMatchObject({ speakerId: b.id, topicId: t2.id });
    await expectDerivedRight();
  });

  test('when the version sent is stale, then the save is refused with the current record and nothing is written', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      text: 'Kept',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    await updateStatement(
      db.prisma,
      id,
      input({ speaker: speaker.slug, text: 'First edit', positions: [{ topic: topic.slug, stance: 'supports' }] }),
      1,
      editorId,
    );
    const revisions = await db.prisma.revision.count();

    const stale = updateStatement(
      db.prisma,
      id,
      input({ speaker: speaker.slug, text: 'Stale edit', positions: [{ topic: topic.slug, stance: 'opposes' }] }),
      1,
      editorId,
    );

    await expect(stale).rejects.toBeInstanceOf(EditConflictError);
    await expect(stale).rejects.toMatchObject({ status: 409, current: { version: 2, text: 'First edit' } });
    expect(await db.prisma.statement.findUnique({ where: { id } })).toMatchObject({ text: 'First edit', version: 2 });
    expect(await db.prisma.revision.count()).toBe(revisions);
  });

  test('when two saves race from the same version, then exactly one wins and the other gets a conflict', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const results = await Promise.allSettled(
      ['Editor A', 'Editor B'].map((text) =>
        updateStatement(
          db.prisma,
          id,
          input({ speaker: speaker.slug, text, positions: [{ topic: topic.slug, stance: 'mixed' }] }),
          1,
          editorId,
        ),
      ),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(EditConflictError);
    const stored = await db.prisma.statement.findUnique({ where: { id } });
    expect(stored!.version).toBe(2);
    expect(await db.prisma.revision.count({ where: { entity: 'statement', entityId: id, action: 'update' } })).toBe(1);
  });

  test('when an edit fails validation inside the transaction, then neither the change nor a revision is written', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      text: 'Unchanged',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const revisions = await db.prisma.revision.count();

    await expect(
      updateStatement(
        db.prisma,
        id,
        input({
          speaker: speaker.slug,
          text: 'Changed',
          relations: [{ kind: 'rejects', statement_id: 2_000_000 }],
          positions: [{ topic: topic.slug, stance: 'supports' }],
        }),
        1,
        editorId,
      ),
    ).rejects.toMatchObject({ status: 422 });
    expect(await db.prisma.statement.findUnique({ where: { id } })).toMatchObject({ text: 'Unchanged', version: 1 });
    expect(await db.prisma.revision.count()).toBe(revisions);
  });

  test('when a statement is deleted and restored, then it comes back under its id with positions, sources and relations, and the stances follow', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const earlier = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      said_on: '2024-05',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      said_on: '2025-05',
      positions: [{ topic: topic.slug, stance: 'supports' }],
      relations: [{ kind: 'contradicts', statement_id: earlier.id }],
    });
    const reply = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      said_on: '2025-06',
      positions: [{ topic: topic.slug, stance: 'supports' }],
      relations: [{ kind: 'responds_to', statement_id: id }],
    });
    const sourcesBefore = await db.prisma.statementSource.findMany({ where: { statementId: id } });

    const deletion = await deleteStatement(db.prisma, id, 1, editorId);

    expect(await db.prisma.statement.findUnique({ where: { id } })).toBeNull();
    expect(await db.prisma.position.count({ where: { statementId: id } })).toBe(0);
    expect((await listTrash(db.prisma)).map((t) => t.statementId)).toContain(id);
    await expectDerivedRight();

    const restored = await restoreStatement(db.prisma, deletion.id, null);

    expect(restored).toEqual({ id, version: 2 });
    expect(await db.prisma.position.findMany({ where: { statementId: id }, select: { topicId: true, stance: true } })).toEqual([
      { topicId: topic.id, stance: 'supports' },
    ]);
    expect(await db.prisma.statementSource.findMany({ where: { statementId: id } })).toEqual(sourcesBefore);
    expect(await db.prisma.statementRelation.count({ where: { fromId: id, toId: earlier.id, kind: 'contradicts' } })).toBe(1);
    expect(await db.prisma.statementRelation.count({ where: { fromId: reply.id, toId: id, kind: 'responds_to' } })).toBe(1);
    expect((await listTrash(db.prisma)).map((t) => t.statementId)).not.toContain(id);
    expect((await listRevisions(db.prisma, 'statement', id)).map((r) => r.action)).toEqual(['restore', 'delete', 'create']);
    await expectDerivedRight();
    await expect(restoreStatement(db.prisma, deletion.id, null)).rejects.toBeInstanceOf(ConflictError);
  });

  test('when an editor reverts to an earlier revision, then the old content comes back as a new revert revision', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, {
      speaker: speaker.slug,
      text: 'Original',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });
    const [created] = await listRevisions(db.prisma, 'statement', id);
    await updateStatement(
      db.prisma,
      id,
      input({ speaker: speaker.slug, text: 'Vandalised', positions: [{ topic: topic.slug, stance: 'opposes' }] }),
      1,
      editorId,
    );

    await expect(revertStatement(db.prisma, id, created!.id, 1, editorId)).rejects.toBeInstanceOf(EditConflictError);
    const reverted = await revertStatement(db.prisma, id, created!.id, 2, editorId);

    expect(reverted.version).toBe(3);
    expect(await db.prisma.statement.findUnique({ where: { id } })).toMatchObject({ text: 'Original' });
    const [latest] = await listRevisions(db.prisma, 'statement', id);
    expect(latest).toMatchObject({ action: 'revert', revertsRevisionId: created!.id, version: 3 });
    expect(latest!.diff.text).toEqual({ from: 'Vandalised', to: 'Original' });
    expect(
      await db.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: speaker.id, topicId: topic.id } } }),
    ).toMatchObject({ stance: 'supports' });
    await expectDerivedRight();
  });
});
