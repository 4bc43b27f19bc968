import { Router, type Request, type Response } from 'express';
import { actor, requireAdmin, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { NotFoundError, ValidationError, type FieldErrors } from '../http/errors';
import { historyView } from '../revisions/history.view';
import { EditConflictError, listRevisions } from '../revisions/revisions.service';
import { statementSnapshot, type StatementSnapshot } from '../revisions/snapshots';
import { SimilarSpeakerError } from '../speakers/speakers.lookup';
import { deleteStatement, revertStatement, updateStatement } from '../statements/statements.edit';
import { readStatementForm, statementFormInput, type StatementFormValues } from '../statements/statements.form';
import { statementFormView } from '../statements/statements.form-view';
import { parseStatementId } from '../statements/statements.queries';
import { resolveSpeakerReference, statementFormChoices } from '../statements/statements.choices';
import { newStatementInput, statementFieldErrors } from '../statements/statements.schema';
import { listTrash, restoreStatement } from '../statements/statements.trash';
import { conflictRows, statementValuesAsSnapshot } from './conflict.view';
import { readRevisionId, readVersion } from './editing.input';

/** The stored statement as the form shows it: the speaker by slug, topics by slug, dates as typed. */
export function statementFormValues(s: StatementSnapshot): StatementFormValues {
  return {
    speaker: s.speaker,
    new_speaker: { kind: '' },
    kind: s.kind,
    text: s.text,
    language: s.language,
    original_text: s.original_text ?? '',
    original_language: s.original_language ?? '',
    said_on: s.said_on ?? '',
    place: s.place ?? '',
    context: s.context ?? '',
    attribution: s.attribution ?? '',
    source_unknown: s.source_unknown,
    positions: s.positions.map((p) => ({ topic: p.topic, new_topic: '', stance: p.stance, strength: String(p.strength) })),
    sources: s.sources.map((x) => ({
      publisher: x.publisher,
      title: x.title ?? '',
      url: x.url ?? '',
      published_on: x.published_on ?? '',
      archived_url: x.archived_url ?? '',
    })),
    relations: s.relations.map((r) => ({ kind: r.kind, statement: String(r.to_id) })),
    confirm_new_speaker: false,
    allow_duplicate: false,
  };
}

const idOf = (req: Request): number => {
  const id = parseStatementId(String(req.params.id));
  if (id === undefined) throw new NotFoundError(`No statement is recorded with the id ${String(req.params.id)}`);
  return id;
};

export function statementPages(prisma: PrismaClient): Router {
  const router = Router();

  type FormState = {
    id: number;
    version: number;
    values: StatementFormValues;
    errors?: FieldErrors;
    current?: StatementSnapshot;
  };
  async function renderEdit(res: Response, state: FormState, status = 200) {
    const view = statementFormView(state.values, await statementFormChoices(prisma), state.errors ?? {});
    const conflict = state.current && {
      entity: 'statement',
      version: state.current.version,
      ...conflictRows(statementValuesAsSnapshot(state.values), state.current),
    };
    res.status(status).render('statements/new', {
      title: `Edit statement #${state.id}`,
      ...view,
      editing: { id: state.id, version: state.version },
      conflict,
    });
  }

  router.get('/statements/:id/edit', requireEditor, async (req, res) => {
    const id = idOf(req);
    const s = await statementSnapshot(prisma, id);
    if (!s) throw new NotFoundError(`No statement is recorded with the id ${id}`);
    await renderEdit(res, { id, version: s.version, values: statementFormValues(s) });
  });

  // A stale version shows both versions side by side, with the editor's kept in the form and
  // the hidden version moved to the stored one, so that saving again applies on top of it.
  router.post('/statements/:id/edit', requireEditor, async (req, res) => {
    const id = idOf(req);
    const version = readVersion(req)!;
    const values = readStatementForm(req.body);
    const found = await resolveSpeakerReference(prisma, values.speaker);
    const { input, errors } = statementFormInput(values, found);
    const parsed = newStatementInput.safeParse({ ...input, allow_duplicate: true });
    const fields = parsed.success ? errors : { ...statementFieldErrors(parsed.error.issues), ...errors };
    if (!parsed.success || Object.keys(fields).length > 0) return renderEdit(res, { id, version, values, errors: fields }, 422);
    try {
      await updateStatement(prisma, id, parsed.data, version, actor(res).id);
      res.redirect(303, `/statements/${id}`);
    } catch (error) {
      if (error instanceof EditConflictError) {
        const current = error.current as StatementSnapshot;
        return renderEdit(res, { id, version: current.version, values, current }, 409);
      }
      if (error instanceof SimilarSpeakerError)
        return renderEdit(
          res,
          {
            id,
            version,
            values,
            errors: { speaker: 'A speaker with a very similar name is on record: choose them by name or slug.' },
          },
          422,
        );
      if (!(error instanceof ValidationError)) throw error;
      await renderEdit(res, { id, version, values, errors: error.fields }, 422);
    }
  });

  router.post('/statements/:id/delete', requireEditor, async (req, res) => {
    await deleteStatement(prisma, idOf(req), readVersion(req, false), actor(res).id);
    res.redirect(303, '/statements');
  });

  router.get('/statements/:id/history', async (req, res) => {
    const id = idOf(req);
    const [current, revisions] = await Promise.all([statementSnapshot(prisma, id), listRevisions(prisma, 'statement', id)]);
    if (!current && revisions.length === 0) throw new NotFoundError(`No statement is recorded with the id ${id}`);
    res.render('revisions/history', {
      title: `History of statement #${id}`,
      recordHref: `/statements/${id}`,
      recordLabel: `statement #${id}`,
      createdKnown: revisions.some((r) => r.action === 'create'),
      revisions: historyView(
        revisions,
        current ? { revertAction: `/statements/${id}/revert`, currentVersion: current.version } : {},
      ),
      revertAction: `/statements/${id}/revert`,
      currentVersion: current?.version,
    });
  });

  router.post('/statements/:id/revert', requireEditor, async (req, res) => {
    const id = idOf(req);
    const revisionId = readRevisionId((req.body as Record<string, unknown>).revision_id);
    await revertStatement(prisma, id, revisionId, readVersion(req)!, actor(res).id);
    res.redirect(303, `/statements/${id}/history`);
  });

  router.get('/admin/trash', requireAdmin, async (_req, res) => {
    const items = (await listTrash(prisma)).map((t) => ({
      ...t,
      deletedAtIso: t.deletedAt.toISOString(),
      deletedAtLabel: t.deletedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    }));
    res.render('revisions/trash', { title: 'Trash', items });
  });

  router.post('/admin/trash/:revisionId/restore', requireAdmin, async (req, res) => {
    const { id } = await restoreStatement(prisma, readRevisionId(req.params.revisionId), actor(res).id);
    res.redirect(303, `/statements/${id}`);
  });

  return router;
}
