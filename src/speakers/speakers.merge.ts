import type { Db, PrismaClient, Tx } from '../db/client';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { findRevision, recordRevision } from '../revisions/revisions.service';
import { speakerSnapshot, type SpeakerSnapshot } from '../revisions/snapshots';
import { lockStances, refreshPairs } from '../statements/statements.edit';
import { requireSpeaker } from './speakers.edit';

// Merging a duplicate speaker into another: everything it holds moves to the
// target in one transaction, its slug redirects (301) to the target's, and
// the `merge` revision (on the target) records exactly what moved, so that an
// undo can move that back.

export type MergeRecord = {
  merged: SpeakerSnapshot;
  into: { id: number; slug: string };
  statement_ids: number[];
  topic_ids: number[];
  /** Aliases the target gained (the old name among them); an undo removes them. */
  aliases_added: string[];
  /** Speakers that were members of the merged one and now belong to the target. */
  member_ids: number[];
  /** Older redirects that pointed at the merged speaker and now point at the target. */
  redirect_slugs: string[];
};

export type MergePreview = {
  from: SpeakerSnapshot;
  into: SpeakerSnapshot;
  statementCount: number;
  topicCount: number;
  aliasesAdded: string[];
  memberCount: number;
};

async function topicIdsOf(db: Db, speakerId: number): Promise<number[]> {
  const rows = await db.$queryRaw<
    { topic_id: number }[]
  >`SELECT DISTINCT topic_id FROM positions WHERE speaker_id = ${speakerId}`;
  return rows.map((r) => r.topic_id);
}

function aliasesToAdd(from: SpeakerSnapshot, into: SpeakerSnapshot): string[] {
  const has = new Set([into.name, ...into.aliases]);
  return [...new Set([from.name, ...from.aliases])].filter((a) => !has.has(a));
}

async function pair(db: Tx, fromSlug: string, intoSlug: string) {
  const from = await requireSpeaker(db, fromSlug);
  const into = await speakerSnapshot(db, { slug: intoSlug });
  if (!into) throw new ValidationError({ into: `No speaker with the slug "${intoSlug}" is on record` });
  if (into.id === from.id) throw new ValidationError({ into: 'Choose another speaker: a speaker cannot be merged into itself' });
  return { from, into };
}

/** What a merge would move, for the confirmation page. */
export async function previewMerge(prisma: PrismaClient, fromSlug: string, intoSlug: string): Promise<MergePreview> {
  return prisma.$transaction(async (tx) => {
    const { from, into } = await pair(tx, fromSlug, intoSlug);
    return {
      from,
      into,
      statementCount: await tx.statement.count({ where: { speakerId: from.id } }),
      topicCount: (await topicIdsOf(tx, from.id)).length,
      aliasesAdded: aliasesToAdd(from, into),
      memberCount: await tx.speaker.count({ where: { memberOfId: from.id } }),
    };
  });
}

/**
 * Moves statements (their positions' speaker copy too), aliases, members and
 * redirects of `fromSlug` to `intoSlug`, recomputes the target's current
 * stances and shifts on every topic involved, deletes the merged speaker and
 * leaves a redirect from its slug; all under both speakers' locks.
 */
export async function mergeSpeaker(prisma: PrismaClient, fromSlug: string, intoSlug: string, actorId: number | null) {
  return prisma.$transaction(async (tx) => {
    const { from, into } = await pair(tx, fromSlug, intoSlug);
    const topicIds = [...new Set([...(await topicIdsOf(tx, from.id)), ...(await topicIdsOf(tx, into.id))])];
    await lockStances(tx, [from.id, into.id], topicIds);
    const statementIds = (
      await tx.statement.findMany({ where: { speakerId: from.id }, select: { id: true }, orderBy: { id: 'asc' } })
    ).map((s) => s.id);
    const aliases = aliasesToAdd(from, into);
    const members = (await tx.speaker.findMany({ where: { memberOfId: from.id }, select: { id: true } })).map((m) => m.id);
    const redirects = (await tx.speakerRedirect.findMany({ where: { speakerId: from.id }, select: { oldSlug: true } })).map(
      (r) => r.oldSlug,
    );
    // The trigger statements_carry_positions copies the new speaker onto positions; said explicitly all the same.
    await tx.statement.updateMany({ where: { speakerId: from.id }, data: { speakerId: into.id } });
    await tx.position.updateMany({ where: { speakerId: from.id }, data: { speakerId: into.id } });
    if (aliases.length > 0) await tx.speakerAlias.createMany({ data: aliases.map((name) => ({ speakerId: into.id, name })) });
    await tx.speaker.updateMany({ where: { memberOfId: from.id, id: { not: into.id } }, data: { memberOfId: into.id } });
    await tx.speaker.updateMany({ where: { id: into.id, memberOfId: from.id }, data: { memberOfId: null } });
    await tx.speakerRedirect.updateMany({ where: { speakerId: from.id }, data: { speakerId: into.id } });
    await tx.speaker.delete({ where: { id: from.id } });
    await tx.speaker.update({ where: { id: into.id }, data: { version: { increment: 1 } } });
    await refreshPairs(tx, [{ speakerId: into.id, topicIds }]);
    const after = (await speakerSnapshot(tx, { id: into.id }))!;
    const record: MergeRecord = {
      merged: from,
      into: { id: into.id, slug: into.slug },
      statement_ids: statementIds,
      topic_ids: topicIds,
      aliases_added: aliases,
      member_ids: members,
      redirect_slugs: redirects,
    };
    const diff = {
      merged: { from: null, to: `${from.name} (${from.slug})` },
      statements: { from: [], to: statementIds.map((id) => `#${id}`) },
      aliases: { from: into.aliases, to: after.aliases },
    };
    const revision = await recordRevision(tx, {
      entity: 'speaker',
      entityId: into.id,
      action: 'merge',
      version: after.version,
      actorId,
      before: into,
      after,
      snapshot: record,
      diff,
    });
    await tx.speakerRedirect.create({ data: { oldSlug: from.slug, speakerId: into.id, mergeRevisionId: revision.id } });
    return { revisionId: revision.id, slug: into.slug, moved: statementIds.length };
  });
}

/**
 * Undoes a merge: recreates the merged speaker under its old id and slug,
 * moves back the statements, aliases, members and redirects that moved (those
 * still with the target), removes the redirect, recomputes both speakers'
 * stances, and writes an `unmerge` revision on both.
 */
export async function unmergeSpeaker(prisma: PrismaClient, revisionId: number, actorId: number | null) {
  return prisma.$transaction(async (tx) => {
    const revision = await findRevision(tx, revisionId);
    if (!revision || revision.action !== 'merge') throw new NotFoundError(`No merge has the revision ${revisionId}`);
    const record = revision.snapshot as unknown as MergeRecord;
    const redirect = await tx.speakerRedirect.findUnique({ where: { oldSlug: record.merged.slug } });
    if (!redirect || redirect.mergeRevisionId !== revisionId) throw new ConflictError('This merge was undone already.');
    const into = await speakerSnapshot(tx, { id: redirect.speakerId });
    if (!into) throw new ConflictError('The speaker it was merged into is no longer on record.');
    const m = record.merged;
    const topicIds = [...new Set([...record.topic_ids, ...(await topicIdsOf(tx, into.id))])];
    await lockStances(tx, [m.id, into.id], topicIds);
    await tx.speakerRedirect.delete({ where: { oldSlug: m.slug } });
    const parent =
      m.member_of_id === null ? null : await tx.speaker.findUnique({ where: { id: m.member_of_id }, select: { id: true } });
    await tx.speaker.create({
      data: {
        id: m.id,
        slug: m.slug,
        name: m.name,
        kind: m.kind as never,
        description: m.description,
        country: m.country,
        memberOfId: parent?.id ?? null,
        version: m.version + 1,
        aliases: { create: m.aliases.map((name) => ({ name })) },
      },
    });
    await tx.statement.updateMany({ where: { id: { in: record.statement_ids }, speakerId: into.id }, data: { speakerId: m.id } });
    await tx.position.updateMany({
      where: { statementId: { in: record.statement_ids }, speakerId: into.id },
      data: { speakerId: m.id },
    });
    await tx.speakerAlias.deleteMany({ where: { speakerId: into.id, name: { in: record.aliases_added } } });
    await tx.speaker.updateMany({ where: { id: { in: record.member_ids }, memberOfId: into.id }, data: { memberOfId: m.id } });
    await tx.speakerRedirect.updateMany({
      where: { oldSlug: { in: record.redirect_slugs }, speakerId: into.id },
      data: { speakerId: m.id },
    });
    await tx.speaker.update({ where: { id: into.id }, data: { version: { increment: 1 } } });
    await refreshPairs(tx, [
      { speakerId: into.id, topicIds },
      { speakerId: m.id, topicIds },
    ]);
    const restored = (await speakerSnapshot(tx, { id: m.id }))!;
    const target = (await speakerSnapshot(tx, { id: into.id }))!;
    const diff = {
      merged: { from: `${m.name} (${m.slug})`, to: null },
      statements: { from: record.statement_ids.map((id) => `#${id}`), to: [] },
    };
    await recordRevision(tx, {
      entity: 'speaker',
      entityId: into.id,
      action: 'unmerge',
      version: target.version,
      actorId,
      before: into,
      after: target,
      revertsRevisionId: revisionId,
      diff: { ...diff, aliases: { from: into.aliases, to: target.aliases } },
    });
    await recordRevision(tx, {
      entity: 'speaker',
      entityId: m.id,
      action: 'unmerge',
      version: restored.version,
      actorId,
      before: null,
      after: restored,
      revertsRevisionId: revisionId,
    });
    return { slug: m.slug, intoSlug: target.slug };
  });
}

/** The slug a merged speaker's old slug now answers with (301), if any. */
export async function redirectedSlug(db: Db, oldSlug: string): Promise<string | undefined> {
  const row = await db.speakerRedirect.findUnique({ where: { oldSlug }, select: { speaker: { select: { slug: true } } } });
  return row?.speaker.slug;
}
