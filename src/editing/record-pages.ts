import { Router, type Request, type Response } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { SPEAKER_KINDS } from '../domain/vocabulary';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../http/errors';
import { formErrors, formValues } from '../http/form';
import { fieldErrors } from '../http/validation';
import { historyView } from '../revisions/history.view';
import { EditConflictError, listRevisions, type Entity } from '../revisions/revisions.service';
import { speakerSnapshot, topicSnapshot } from '../revisions/snapshots';
import { deleteSpeaker, revertSpeaker, speakerEditInput, updateSpeaker } from '../speakers/speakers.edit';
import { mergeSpeaker, previewMerge, unmergeSpeaker } from '../speakers/speakers.merge';
import { deleteTopic, revertTopic, topicEditInput, updateTopic } from '../topics/topics.edit';
import { conflictRows } from './conflict.view';
import { readRevisionId, readVersion } from './editing.input';

const SPEAKER_FIELDS = ['name', 'slug', 'kind', 'description', 'country', 'aliases', 'member_of', 'version'] as const;
const TOPIC_FIELDS = ['name', 'slug', 'description', 'parent', 'version'] as const;

type Kind = { entity: Entity; plural: string; fields: readonly string[] };
const SPEAKER: Kind = { entity: 'speaker', plural: 'speakers', fields: SPEAKER_FIELDS };
const TOPIC: Kind = { entity: 'topic', plural: 'topics', fields: TOPIC_FIELDS };

const slugOf = (req: Request) => String(req.params.slug);

async function snapshotOf(prisma: PrismaClient, kind: Kind, slug: string) {
  const s = kind === SPEAKER ? await speakerSnapshot(prisma, { slug }) : await topicSnapshot(prisma, { slug });
  if (!s) throw new NotFoundError(`No ${kind.entity} with the slug "${slug}" is on record`);
  return s;
}

/** The stored record as its edit form's fields. */
function storedValues(s: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) values[k] = Array.isArray(v) ? v.join('\n') : v === null ? '' : String(v);
  return values;
}

/** The form as a snapshot-like object (aliases as a list), to set beside the stored one. */
function typedAsSnapshot(values: Record<string, string>) {
  const { version: _v, aliases, ...rest } = values;
  const out: Record<string, unknown> = { ...rest };
  if (aliases !== undefined)
    out.aliases = aliases
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean);
  if (rest.member_of !== undefined) out.member_of = rest.member_of || null;
  if (rest.parent !== undefined) out.parent = rest.parent || null;
  return out;
}

export function recordPages(prisma: PrismaClient): Router {
  const router = Router();

  function renderEdit(
    res: Response,
    kind: Kind,
    slug: string,
    values: Record<string, string>,
    status = 200,
    errors: FieldErrors = {},
    current?: object & { version: number },
  ) {
    const conflict = current && {
      entity: kind.entity,
      version: current.version,
      ...conflictRows(typedAsSnapshot(values), current),
    };
    res.status(status).render(`editing/${kind.entity}-edit`, {
      title: `Edit ${values.name || slug}`,
      action: `/${kind.plural}/${encodeURIComponent(slug)}/edit`,
      slug,
      values,
      ...formErrors(errors),
      kinds: Object.entries(SPEAKER_KINDS).map(([value, label]) => ({ value, label, selected: value === values.kind })),
      conflict,
    });
  }

  for (const kind of [SPEAKER, TOPIC]) {
    const base = `/${kind.plural}/:slug`;
    router.get(`${base}/edit`, requireEditor, async (req, res) => {
      renderEdit(res, kind, slugOf(req), storedValues(await snapshotOf(prisma, kind, slugOf(req))));
    });

    router.post(`${base}/edit`, requireEditor, async (req, res) => {
      const slug = slugOf(req);
      const values = formValues(req.body, kind.fields);
      const version = readVersion(req)!;
      const parsed = (kind === SPEAKER ? speakerEditInput : topicEditInput).safeParse(req.body ?? {});
      if (!parsed.success) return renderEdit(res, kind, slug, values, 422, fieldErrors(parsed.error));
      try {
        const saved =
          kind === SPEAKER
            ? await updateSpeaker(prisma, slug, parsed.data as never, version, actor(res).id)
            : await updateTopic(prisma, slug, parsed.data as never, version, actor(res).id);
        res.redirect(303, `/${kind.plural}/${encodeURIComponent(saved.slug)}`);
      } catch (error) {
        if (error instanceof EditConflictError)
          return renderEdit(
            res,
            kind,
            slug,
            { ...values, version: String(error.current.version) },
            409,
            {},
            error.current as { version: number },
          );
        if (error instanceof ValidationError) return renderEdit(res, kind, slug, values, 422, error.fields);
        if (error instanceof ConflictError && error.details?.field === 'slug')
          return renderEdit(res, kind, slug, values, 409, { slug: error.message });
        throw error;
      }
    });

    router.post(`${base}/delete`, requireEditor, async (req, res) => {
      const slug = slugOf(req);
      try {
        if (kind === SPEAKER) await deleteSpeaker(prisma, slug, readVersion(req, false), actor(res).id);
        else await deleteTopic(prisma, slug, readVersion(req, false), actor(res).id);
        res.redirect(303, `/${kind.plural}`);
      } catch (error) {
        if (!(error instanceof ConflictError) || !error.details?.dependants) throw error;
        res.status(409).render('editing/dependants', {
          title: 'Cannot delete yet',
          message: error.message,
          dependants: error.details.dependants,
          backHref: `/${kind.plural}/${encodeURIComponent(slug)}`,
        });
      }
    });

    router.get(`${base}/history`, async (req, res) => {
      const slug = slugOf(req);
      const current = await snapshotOf(prisma, kind, slug);
      const revisions = await listRevisions(prisma, kind.entity, current.id);
      const href = `/${kind.plural}/${encodeURIComponent(current.slug)}`;
      const undoable = new Set(
        (
          await prisma.speakerRedirect.findMany({
            where: { mergeRevisionId: { in: revisions.map((r) => r.id) } },
            select: { mergeRevisionId: true },
          })
        ).map((r) => r.mergeRevisionId!),
      );
      res.render('revisions/history', {
        title: `History of ${current.name}`,
        recordHref: href,
        recordLabel: current.name,
        createdKnown: revisions.some((r) => r.action === 'create'),
        revisions: historyView(revisions, {
          revertAction: `${href}/revert`,
          currentVersion: current.version,
          unmergeAction: `${href}/unmerge`,
          undoableMerges: undoable,
        }),
        revertAction: `${href}/revert`,
        unmergeAction: `${href}/unmerge`,
        currentVersion: current.version,
      });
    });

    router.post(`${base}/revert`, requireEditor, async (req, res) => {
      const revisionId = readRevisionId((req.body as Record<string, unknown>).revision_id);
      const revert = kind === SPEAKER ? revertSpeaker : revertTopic;
      const saved = await revert(prisma, slugOf(req), revisionId, readVersion(req)!, actor(res).id);
      res.redirect(303, `/${kind.plural}/${encodeURIComponent(saved.slug)}/history`);
    });
  }

  // `?into=<slug or name>` shows what would move; the form posts `into` back to merge.
  router.get('/speakers/:slug/merge', requireEditor, async (req, res) => {
    const slug = slugOf(req);
    const from = await snapshotOf(prisma, SPEAKER, slug);
    const into = typeof req.query.into === 'string' ? req.query.into.trim() : '';
    let preview;
    let error: string | undefined;
    if (into) {
      try {
        preview = await previewMerge(prisma, slug, into);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        error = e.fields.into;
      }
    }
    res.status(error ? 422 : 200).render('editing/merge', { title: `Merge ${from.name}`, from, into, preview, error });
  });

  router.post('/speakers/:slug/merge', requireEditor, async (req, res) => {
    const into = String((req.body as Record<string, unknown>).into ?? '');
    const merged = await mergeSpeaker(prisma, slugOf(req), into, actor(res).id);
    res.redirect(303, `/speakers/${encodeURIComponent(merged.slug)}/history`);
  });

  router.post('/speakers/:slug/unmerge', requireEditor, async (req, res) => {
    const undone = await unmergeSpeaker(prisma, readRevisionId((req.body as Record<string, unknown>).revision_id), actor(res).id);
    res.redirect(303, `/speakers/${encodeURIComponent(undone.slug)}`);
  });

  return router;
}
