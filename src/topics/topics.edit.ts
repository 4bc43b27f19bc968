import { z } from 'zod';
import type { PrismaClient, Tx } from '../db/client';
import { retryOnUniqueViolation } from '../db/retry';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { checkVersion, EditConflictError, findRevision, recordRevision } from '../revisions/revisions.service';
import { topicSnapshot, type TopicSnapshot } from '../revisions/snapshots';
import { editableSlug } from '../speakers/speakers.edit';
import { topicFormInput } from './topics.schema';
import { findTopicIdBySlugOrName } from './topics.service';

/** The topic edit form and `PUT /api/v1/topics/:slug`: the topic form's fields plus the slug. */
export const topicEditInput = topicFormInput.extend({ slug: editableSlug });
export type TopicEditInput = z.output<typeof topicEditInput>;

type TopicFields = { slug: string; name: string; description: string | null; parentId: number | null };
type Change = { action: 'update' | 'revert'; actorId: number | null; revertsRevisionId?: number };

export async function requireTopic(tx: Tx, slug: string): Promise<TopicSnapshot> {
  const found = await topicSnapshot(tx, { slug });
  if (!found) throw new NotFoundError(`No topic with the slug "${slug}" is on record`);
  return found;
}

/** A parent may not be the topic itself or one of its descendants: the tree would become a loop. */
async function checkParent(tx: Tx, parentId: number | null, self: number): Promise<void> {
  if (parentId === null) return;
  const [loop] = await tx.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 1 AS depth FROM topics WHERE id = ${parentId}
      UNION ALL SELECT t.id, t.parent_id, up.depth + 1 FROM topics t JOIN up ON t.id = up.parent_id WHERE up.depth < 50
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${self}) AS found`;
  if (loop?.found) throw new ValidationError({ parent: 'A topic cannot sit under itself or under one of its own subtopics' });
}

async function writeTopic(tx: Tx, before: TopicSnapshot, f: TopicFields, expected: number, change: Change) {
  if (f.slug !== before.slug && (await tx.topic.count({ where: { slug: f.slug, id: { not: before.id } } })) > 0)
    throw new ConflictError(`The slug "${f.slug}" is taken: choose another one.`, { field: 'slug' });
  await checkParent(tx, f.parentId, before.id);
  const { count } = await tx.topic.updateMany({
    where: { id: before.id, version: expected },
    data: { ...f, version: { increment: 1 } },
  });
  if (count === 0) throw new EditConflictError('topic', (await topicSnapshot(tx, { id: before.id })) ?? before);
  const after = (await topicSnapshot(tx, { id: before.id }))!;
  await recordRevision(tx, {
    entity: 'topic',
    entityId: before.id,
    action: change.action,
    version: after.version,
    actorId: change.actorId,
    before,
    after,
    revertsRevisionId: change.revertsRevisionId,
  });
  return { id: before.id, slug: after.slug, version: after.version };
}

export async function updateTopic(
  prisma: PrismaClient,
  slug: string,
  input: TopicEditInput,
  expected: number,
  actorId: number | null,
) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const before = await requireTopic(tx, slug);
      checkVersion('topic', before, expected);
      let parentId: number | null = null;
      if (input.parent) {
        parentId = (await findTopicIdBySlugOrName(tx, input.parent)) ?? null;
        if (parentId === null) throw new ValidationError({ parent: `No topic has the slug or the name "${input.parent}"` });
      }
      const fields = { slug: input.slug ?? before.slug, name: input.name, description: input.description ?? null, parentId };
      return writeTopic(tx, before, fields, expected, { action: 'update', actorId });
    }),
  );
}

export async function revertTopic(
  prisma: PrismaClient,
  slug: string,
  revisionId: number,
  expected: number,
  actorId: number | null,
) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const before = await requireTopic(tx, slug);
      const revision = await findRevision(tx, revisionId);
      if (!revision || revision.entity !== 'topic' || revision.entityId !== before.id || revision.action === 'delete')
        throw new NotFoundError(`This topic has no revision ${revisionId} to go back to`);
      checkVersion('topic', before, expected);
      const snap = revision.snapshot as unknown as TopicSnapshot;
      const parent =
        snap.parent_id === null ? null : await tx.topic.findUnique({ where: { id: snap.parent_id }, select: { id: true } });
      const fields = { slug: snap.slug, name: snap.name, description: snap.description, parentId: parent?.id ?? null };
      return writeTopic(tx, before, fields, expected, { action: 'revert', actorId, revertsRevisionId: revisionId });
    }),
  );
}

export const DEPENDANTS_SHOWN = 20;

/** What stops a topic from being deleted: the statements with a position on it, and its subtopics. */
export async function topicDependants(tx: Tx, id: number) {
  const [positions, statementCount, children, childCount] = await Promise.all([
    tx.position.findMany({
      where: { topicId: id },
      select: { statement: { select: { id: true, text: true } } },
      orderBy: { statementId: 'asc' },
      take: DEPENDANTS_SHOWN,
    }),
    tx.position.count({ where: { topicId: id } }),
    tx.topic.findMany({
      where: { parentId: id },
      select: { slug: true, name: true },
      orderBy: { id: 'asc' },
      take: DEPENDANTS_SHOWN,
    }),
    tx.topic.count({ where: { parentId: id } }),
  ]);
  return {
    statements: positions.map(({ statement: s }) => ({ id: s.id, text: s.text.slice(0, 140), href: `/statements/${s.id}` })),
    statement_count: statementCount,
    children: children.map((c) => ({ ...c, href: `/topics/${encodeURIComponent(c.slug)}` })),
    child_count: childCount,
  };
}

export async function deleteTopic(prisma: PrismaClient, slug: string, expected: number | undefined, actorId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await requireTopic(tx, slug);
    checkVersion('topic', before, expected);
    // The topic's lock, which every statement write on it takes: none can add a position while this checks.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7302, ${before.id}::int)`;
    const dependants = await topicDependants(tx, before.id);
    if (dependants.statement_count > 0 || dependants.child_count > 0)
      throw new ConflictError(`“${before.name}” still has statements or subtopics: move or delete them first.`, { dependants });
    const { count } = await tx.topic.deleteMany({ where: { id: before.id, version: before.version } });
    if (count === 0) throw new EditConflictError('topic', (await topicSnapshot(tx, { id: before.id })) ?? before);
    return recordRevision(tx, {
      entity: 'topic',
      entityId: before.id,
      action: 'delete',
      version: before.version,
      actorId,
      before,
      after: null,
    });
  });
}
