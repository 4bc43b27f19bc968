import { Router, type Response } from 'express';
import { actor, requireAdmin, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../http/errors';
import { parseOrThrow } from '../http/validation';
import { EditConflictError, listRevisions, type Entity, type RevisionRow } from '../revisions/revisions.service';
import { deleteSpeaker, revertSpeaker, speakerEditInput, updateSpeaker } from '../speakers/speakers.edit';
import { mergeSpeaker, unmergeSpeaker } from '../speakers/speakers.merge';
import { findSpeakerId } from '../speakers/speakers.service';
import { deleteStatement, revertStatement, updateStatement } from '../statements/statements.edit';
import { parseStatementId } from '../statements/statements.queries';
import { parseNewStatement } from '../statements/statements.schema';
import { listTrash, restoreStatement } from '../statements/statements.trash';
import { deleteTopic, revertTopic, topicEditInput, updateTopic } from '../topics/topics.edit';
import { findTopicId } from '../topics/topics.service';
import { readRevisionId, readVersion } from './editing.input';

// The API's writes for part 3 under /api/v1: edit (PUT, with `version` or
// If-Match), delete, history, revert, merge, and the trash. A stale version
// answers 409 `edit_conflict` with the stored record as `current`.

export const revisionJson = (r: RevisionRow) => ({
  id: r.id,
  action: r.action,
  version: r.version,
  actor: r.actor ? { id: r.actor.id, name: r.actor.name } : null,
  created_at: r.createdAt.toISOString(),
  diff: r.diff,
  reverts_revision_id: r.revertsRevisionId,
});

function statementId(raw: string): number {
  const id = parseStatementId(raw);
  if (id === undefined) throw new NotFoundError(`No statement with the id ${raw}`);
  return id;
}

/** Runs a write; a stale version becomes the API's 409 `edit_conflict` body. */
async function answer(res: Response, work: () => Promise<unknown>, status = 200): Promise<void> {
  try {
    const result = await work();
    res.status(status).json(result ?? {});
  } catch (error) {
    if (!(error instanceof EditConflictError)) throw error;
    res.status(409).json({ error: { code: 'edit_conflict', message: error.message, current: error.current } });
  }
}

async function history(prisma: PrismaClient, res: Response, entity: Entity, id: number | undefined) {
  if (id === undefined) throw new NotFoundError(`No ${entity} of that name is on record`);
  res.json({ data: (await listRevisions(prisma, entity, id)).map(revisionJson) });
}

export function editingApi(prisma: PrismaClient): Router {
  const router = Router();
  const who = (res: Response) => actor(res).id;

  router.put('/statements/:id', requireEditor, async (req, res) => {
    const id = statementId(String(req.params.id));
    const version = readVersion(req)!;
    const input = parseNewStatement(req.body);
    await answer(res, () => updateStatement(prisma, id, input, version, who(res)));
  });
  router.delete('/statements/:id', requireEditor, async (req, res) => {
    const id = statementId(String(req.params.id));
    await answer(res, async () => ({ revision_id: (await deleteStatement(prisma, id, readVersion(req, false), who(res))).id }));
  });
  router.get('/statements/:id/history', async (req, res) =>
    history(prisma, res, 'statement', statementId(String(req.params.id))),
  );
  router.post('/statements/:id/revert', requireEditor, async (req, res) => {
    const id = statementId(String(req.params.id));
    const revisionId = readRevisionId((req.body as Record<string, unknown> | undefined)?.revision_id);
    await answer(res, () => revertStatement(prisma, id, revisionId, readVersion(req)!, who(res)));
  });

  router.put('/speakers/:slug', requireEditor, async (req, res) => {
    const version = readVersion(req)!;
    const input = parseOrThrow(speakerEditInput, req.body ?? {});
    await answer(res, () => updateSpeaker(prisma, String(req.params.slug), input, version, who(res)));
  });
  router.delete('/speakers/:slug', requireEditor, async (req, res) => {
    await answer(res, async () => ({
      revision_id: (await deleteSpeaker(prisma, String(req.params.slug), readVersion(req, false), who(res))).id,
    }));
  });
  router.get('/speakers/:slug/history', async (req, res) =>
    history(prisma, res, 'speaker', await findSpeakerId(prisma, String(req.params.slug))),
  );
  router.post('/speakers/:slug/revert', requireEditor, async (req, res) => {
    const revisionId = readRevisionId((req.body as Record<string, unknown> | undefined)?.revision_id);
    await answer(res, () => revertSpeaker(prisma, String(req.params.slug), revisionId, readVersion(req)!, who(res)));
  });
  router.post('/speakers/:slug/merge', requireEditor, async (req, res) => {
    const into = String((req.body as Record<string, unknown> | undefined)?.into ?? '');
    await answer(res, () => mergeSpeaker(prisma, String(req.params.slug), into, who(res)), 200);
  });
  router.post('/revisions/:id/unmerge', requireEditor, async (req, res) => {
    await answer(res, () => unmergeSpeaker(prisma, readRevisionId(String(req.params.id)), who(res)));
  });

  router.put('/topics/:slug', requireEditor, async (req, res) => {
    const version = readVersion(req)!;
    const input = parseOrThrow(topicEditInput, req.body ?? {});
    await answer(res, () => updateTopic(prisma, String(req.params.slug), input, version, who(res)));
  });
  router.delete('/topics/:slug', requireEditor, async (req, res) => {
    await answer(res, async () => ({
      revision_id: (await deleteTopic(prisma, String(req.params.slug), readVersion(req, false), who(res))).id,
    }));
  });
  router.get('/topics/:slug/history', async (req, res) =>
    history(prisma, res, 'topic', await findTopicId(prisma, String(req.params.slug))),
  );
  router.post('/topics/:slug/revert', requireEditor, async (req, res) => {
    const revisionId = readRevisionId((req.body as Record<string, unknown> | undefined)?.revision_id);
    await answer(res, () => revertTopic(prisma, String(req.params.slug), revisionId, readVersion(req)!, who(res)));
  });

  router.get('/trash', requireAdmin, async (_req, res) => {
    const items = await listTrash(prisma);
    res.json({
      data: items.map((t) => ({
        revision_id: t.revisionId,
        statement_id: t.statementId,
        speaker: t.speaker,
        text: t.text,
        deleted_at: t.deletedAt.toISOString(),
        deleted_by: t.deletedBy,
      })),
    });
  });
  router.post('/trash/:revisionId/restore', requireAdmin, async (req, res) => {
    await answer(res, () => restoreStatement(prisma, readRevisionId(String(req.params.revisionId)), who(res)));
  });

  return router;
}
