import { ConflictError } from '../src/http/errors';
import { EditConflictError, listRevisions } from '../src/revisions/revisions.service';
import { deleteSpeaker, revertSpeaker, speakerEditInput, updateSpeaker } from '../src/speakers/speakers.edit';
import { addSpeaker } from '../src/speakers/speakers.service';
import { speakerFormInput } from '../src/speakers/speakers.schema';
import { mergeSpeaker, redirectedSlug, unmergeSpeaker } from '../src/speakers/speakers.merge';
import { deleteTopic, topicEditInput, updateTopic } from '../src/topics/topics.edit';
import { derivedState } from './support/derived';
import { makeSpeaker, makeStatement, makeTopic } from './support/factories';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('editing speakers and topics, merging speakers (services, against PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const speakerInput = (fields: Record<string, unknown>) => speakerEditInput.parse({ kind: 'person', ...fields });

  test('when a speaker is edited, then the aliases and slug change, the diff says so, and a stale save is refused', async () => {
    const speaker = await makeSpeaker(db.prisma, { name: 'Ann Old', aliases: ['A. Old'] });

    const saved = await updateSpeaker(
      db.prisma,
      speaker.slug,
      speakerInput({ name: 'Ann New', slug: 'ann-new', aliases: 'A. Old\nAnnie' }),
      1,
      null,
    );

    expect(saved).toMatchObject({ slug: 'ann-new', version: 2 });
    const [revision] = await listRevisions(db.prisma, 'speaker', speaker.id);
    expect(revision!.diff).toEqual({
      name: { from: 'Ann Old', to: 'Ann New' },
      slug: { from: 'ann-old', to: 'ann-new' },
      aliases: { from: ['A. Old'], to: ['A. Old', 'Annie'] },
    });
    await expect(updateSpeaker(db.prisma, 'ann-new', speakerInput({ name: 'Stale' }), 1, null)).rejects.toBeInstanceOf(
      EditConflictError,
    );
    expect(await db.prisma.speaker.findUnique({ where: { id: speaker.id } })).toMatchObject({ name: 'Ann New', version: 2 });
  });

  test('when a speaker slug is changed to one in use, then it is refused with 409', async () => {
    const a = await makeSpeaker(db.prisma);
    const b = await makeSpeaker(db.prisma);
    await expect(updateSpeaker(db.prisma, a.slug, speakerInput({ name: a.name, slug: b.slug }), 1, null)).rejects.toMatchObject({
      status: 409,
    });
  });

  test('when two saves of a speaker race from one version, then exactly one wins', async () => {
    const s = await makeSpeaker(db.prisma);
    const results = await Promise.allSettled(
      ['One', 'Two'].map((name) => updateSpeaker(db.prisma, s.slug, speakerInput({ name }), 1, null)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(EditConflictError);
  });

  test('when a speaker is reverted, then a revert revision brings back the old name', async () => {
    const s = await addSpeaker(db.prisma, speakerFormInput.parse({ name: 'Before Revert', kind: 'person' }));
    const [created] = await listRevisions(db.prisma, 'speaker', s.id);
    await updateSpeaker(db.prisma, s.slug, speakerInput({ name: 'After Revert' }), 1, null);

    await revertSpeaker(db.prisma, s.slug, created!.id, 2, null);

    expect(await db.prisma.speaker.findUnique({ where: { id: s.id } })).toMatchObject({ name: 'Before Revert', version: 3 });
    const [latest] = await listRevisions(db.prisma, 'speaker', s.id);
    expect(latest).toMatchObject({
      action: 'revert',
      revertsRevisionId: created!.id,
      version: 3,
      diff: { name: { from: 'After Revert', to: 'Before Revert' } },
    });
  });

  test('when a speaker with statements or members is deleted, then it is refused with what depends on it; without, it is deleted with a revision', async () => {
    const body = await makeSpeaker(db.prisma, { kind: 'government' });
    const member = await makeSpeaker(db.prisma);
    await db.prisma.speaker.update({ where: { id: member.id }, data: { memberOfId: body.id } });
    const topic = await makeTopic(db.prisma);
    const { id } = await makeStatement(db.prisma, { speaker: body.slug, positions: [{ topic: topic.slug, stance: 'supports' }] });

    const refused = deleteSpeaker(db.prisma, body.slug, undefined, null);

    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      details: { dependants: { statement_count: 1, statements: [{ id }], member_count: 1, members: [{ slug: member.slug }] } },
    });
    await deleteSpeaker(db.prisma, member.slug, undefined, null);
    expect(await db.prisma.speaker.findUnique({ where: { id: member.id } })).toBeNull();
    expect((await listRevisions(db.prisma, 'speaker', member.id))[0]).toMatchObject({
      action: 'delete',
      snapshot: { slug: member.slug },
    });
  });

  test('when a topic is edited and deleted, then slug clashes, loops and dependants are refused', async () => {
    const parent = await makeTopic(db.prisma);
    const child = await makeTopic(db.prisma, { parentId: parent.id });
    const other = await makeTopic(db.prisma);

    await expect(
      updateTopic(db.prisma, parent.slug, topicEditInput.parse({ name: parent.name, parent: child.slug }), 1, null),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      updateTopic(db.prisma, other.slug, topicEditInput.parse({ name: other.name, slug: parent.slug }), 1, null),
    ).rejects.toMatchObject({ status: 409 });
    const saved = await updateTopic(
      db.prisma,
      other.slug,
      topicEditInput.parse({ name: 'Renamed topic', slug: 'renamed-topic', description: 'Why' }),
      1,
      null,
    );
    expect(saved).toMatchObject({ slug: 'renamed-topic', version: 2 });

    await expect(deleteTopic(db.prisma, parent.slug, undefined, null)).rejects.toMatchObject({
      status: 409,
      details: { dependants: { child_count: 1 } },
    });
    await deleteTopic(db.prisma, 'renamed-topic', 2, null);
    expect(await db.prisma.topic.findUnique({ where: { id: other.id } })).toBeNull();
  });

  test('when a speaker is merged and the merge undone, then statements, aliases and stances move there and back, and the old slug redirects meanwhile', async () => {
    const dup = await makeSpeaker(db.prisma, { name: 'Sheikh Dup', aliases: ['S. Dup'] });
    const target = await makeSpeaker(db.prisma, { name: 'Dup Target' });
    const topic = await makeTopic(db.prisma);
    const moved = await makeStatement(db.prisma, {
      speaker: dup.slug,
      said_on: '2025-05',
      positions: [{ topic: topic.slug, stance: 'opposes' }],
    });
    await makeStatement(db.prisma, {
      speaker: target.slug,
      said_on: '2025-01',
      positions: [{ topic: topic.slug, stance: 'supports' }],
    });

    const merge = await mergeSpeaker(db.prisma, dup.slug, target.slug, null);

    expect(merge.moved).toBe(1);
    expect(await db.prisma.speaker.findUnique({ where: { id: dup.id } })).toBeNull();
    expect(await db.prisma.statement.findUnique({ where: { id: moved.id } })).toMatchObject({ speakerId: target.id });
    expect(await db.prisma.position.findFirst({ where: { statementId: moved.id } })).toMatchObject({ speakerId: target.id });
    expect((await db.prisma.speakerAlias.findMany({ where: { speakerId: target.id } })).map((a) => a.name).sort()).toEqual([
      'S. Dup',
      'Sheikh Dup',
    ]);
    expect(await redirectedSlug(db.prisma, dup.slug)).toBe(target.slug);
    expect(
      await db.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: target.id, topicId: topic.id } } }),
    ).toMatchObject({ statementId: moved.id });
    expect(await db.prisma.stanceShift.count({ where: { speakerId: target.id, topicId: topic.id } })).toBe(1);
    const { stored, recomputed } = await derivedState(db.prisma);
    expect(stored).toEqual(recomputed);
    expect((await listRevisions(db.prisma, 'speaker', target.id))[0]).toMatchObject({
      action: 'merge',
      snapshot: { statement_ids: [moved.id] },
    });

    await unmergeSpeaker(db.prisma, merge.revisionId, null);

    expect(await db.prisma.speaker.findUnique({ where: { id: dup.id } })).toMatchObject({ slug: dup.slug, name: 'Sheikh Dup' });
    expect(await db.prisma.statement.findUnique({ where: { id: moved.id } })).toMatchObject({ speakerId: dup.id });
    expect(await db.prisma.speakerAlias.count({ where: { speakerId: target.id } })).toBe(0);
    expect((await db.prisma.speakerAlias.findMany({ where: { speakerId: dup.id } })).map((a) => a.name)).toEqual(['S. Dup']);
    expect(await redirectedSlug(db.prisma, dup.slug)).toBeUndefined();
    expect(
      await db.prisma.currentStance.findUnique({ where: { speakerId_topicId: { speakerId: dup.id, topicId: topic.id } } }),
    ).toMatchObject({ statementId: moved.id });
    expect(await db.prisma.stanceShift.count({ where: { speakerId: target.id } })).toBe(0);
    const after = await derivedState(db.prisma);
    expect(after.stored).toEqual(after.recomputed);
    expect((await listRevisions(db.prisma, 'speaker', target.id))[0]).toMatchObject({
      action: 'unmerge',
      revertsRevisionId: merge.revisionId,
    });
    await expect(unmergeSpeaker(db.prisma, merge.revisionId, null)).rejects.toBeInstanceOf(ConflictError);
  });
});
