import type { Db, PrismaClient } from '../db/client';
import { retryOnUniqueViolation } from '../db/retry';
import { ConflictError, NotFoundError } from '../http/errors';
import { findRevision, recordRevision } from '../revisions/revisions.service';
import type { StatementSnapshot } from '../revisions/snapshots';
import { contentFromSnapshot, lockStances, refreshPairs, requireStatement, writeParts } from './statements.edit';

// The trash: a deleted statement lives on only in its `delete` revision's
// snapshot. Restoring re-inserts it under its old id.

export type TrashItem = {
  revisionId: number;
  statementId: number;
  speaker: string;
  text: string;
  deletedAt: Date;
  deletedBy: string | null;
};

export const TRASH_LIMIT = 100;

/** Deleted statements not restored since, newest deletion first (one row per statement). */
export async function listTrash(db: Db): Promise<TrashItem[]> {
  const rows = await db.$queryRaw<
    { revision_id: number; entity_id: number; snapshot: StatementSnapshot; created_at: Date; actor: string | null }[]
  >`
    SELECT DISTINCT ON (r.entity_id) r.id AS revision_id, r.entity_id, r.snapshot, r.created_at, u.name AS actor
    FROM revisions r LEFT JOIN users u ON u.id = r.actor_id
    WHERE r.entity = 'statement' AND r.action = 'delete'
      AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = r.entity_id)
    ORDER BY r.entity_id, r.id DESC`;
  return rows
    .sort((a, b) => b.revision_id - a.revision_id)
    .slice(0, TRASH_LIMIT)
    .map((r) => ({
      revisionId: r.revision_id,
      statementId: r.entity_id,
      speaker: r.snapshot.speaker,
      text: r.snapshot.text,
      deletedAt: r.created_at,
      deletedBy: r.actor,
    }));
}

/**
 * Puts a deleted statement back under its old id from its `delete` revision:
 * its fields, positions (on the topics still on record), sources, and the
 * relations whose other statement still exists, in both directions; then the
 * derived stances and a `restore` revision.
 */
export async function restoreStatement(prisma: PrismaClient, revisionId: number, actorId: number | null) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const revision = await findRevision(tx, revisionId);
      if (!revision || revision.entity !== 'statement' || revision.action !== 'delete')
        throw new NotFoundError(`No deleted statement has the revision ${revisionId}`);
      const snap = revision.snapshot as unknown as StatementSnapshot;
      if (await tx.statement.findUnique({ where: { id: snap.id }, select: { id: true } }))
        throw new ConflictError(`Statement #${snap.id} is on record already: it was restored before.`);
      const content = await contentFromSnapshot(tx, snap, snap.id);
      const topicIds = content.positions.map((p) => p.topicId);
      await lockStances(tx, [content.speakerId], topicIds);
      const { positions: _p, sources: _s, relations: _r, ...fields } = content;
      await tx.statement.create({ data: { id: snap.id, ...fields, version: snap.version + 1 } });
      await writeParts(tx, snap.id, content);
      const from = await tx.statement.findMany({
        where: { id: { in: snap.relations_to.map((r) => r.from_id) } },
        select: { id: true },
      });
      const kept = new Set(from.map((s) => s.id));
      const incoming = snap.relations_to.filter((r) => kept.has(r.from_id));
      if (incoming.length > 0)
        await tx.statementRelation.createMany({
          data: incoming.map((r) => ({ fromId: r.from_id, toId: snap.id, kind: r.kind as never })),
          skipDuplicates: true,
        });
      await refreshPairs(tx, [{ speakerId: content.speakerId, topicIds }]);
      const after = await requireStatement(tx, snap.id);
      await recordRevision(tx, {
        entity: 'statement',
        entityId: snap.id,
        action: 'restore',
        version: after.version,
        actorId,
        before: snap,
        after,
      });
      return { id: snap.id, version: after.version };
    }),
  );
}
