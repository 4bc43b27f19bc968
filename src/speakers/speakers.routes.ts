import { Router, type Response } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { ValidationError, type FieldErrors } from '../http/errors';
import { readPage } from '../http/pagination';
import { fieldErrors } from '../http/validation';
import { SPEAKER_KINDS } from '../domain/vocabulary';
import { SimilarSpeakerError, type SpeakerMatch } from './speakers.lookup';
import { speakerProfile } from './speakers.queries';
import { speakerFilterPageQuery, speakerFormInput } from './speakers.schema';
import { addSpeaker, listSpeakers, memberOfChoices } from './speakers.service';
import { speakerFormView, speakerListView, speakerProfileView } from './speakers.view';

export function speakersRoutes(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/speakers', async (req, res) => {
    const filter = speakerFilterPageQuery.parse(req.query);
    const page = await listSpeakers(prisma, filter, readPage({ page: req.query.page }));
    res.render('speakers/index', speakerListView(page, filter));
  });

  // `similar`: speakers whose name is very close to the one typed, shown with links and a
  // "This is a different speaker — create it anyway" checkbox (confirm_new_speaker).
  const renderForm = async (res: Response, status: number, body: unknown, errors?: FieldErrors, similar: SpeakerMatch[] = []) => {
    const confirmed = (body as { confirm_new_speaker?: unknown } | undefined)?.confirm_new_speaker === 'on';
    res.status(status).render('speakers/new', {
      ...speakerFormView(body, errors, await memberOfChoices(prisma)),
      similarSpeakers: similar.length > 0 ? similar.map((m) => ({ ...m, kindLabel: SPEAKER_KINDS[m.kind] })) : null,
      showConfirmNewSpeaker: similar.length > 0 || confirmed,
      confirmNewSpeaker: confirmed,
    });
  };

  router.get('/speakers/new', requireEditor, async (req, res) => {
    await renderForm(res, 200, { member_of: req.query.member_of });
  });

  router.post('/speakers/new', requireEditor, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = speakerFormInput.safeParse({ ...body, allow_similar_name: body.confirm_new_speaker });
    if (!parsed.success) return renderForm(res, 422, req.body, fieldErrors(parsed.error));
    try {
      const { slug } = await addSpeaker(prisma, parsed.data, actor(res).id);
      res.redirect(303, `/speakers/${encodeURIComponent(slug)}`);
    } catch (error) {
      if (error instanceof SimilarSpeakerError)
        return renderForm(
          res,
          422,
          req.body,
          {
            name: 'A speaker with a very similar name is already on record (listed below). Tick “This is a different speaker” to add this one.',
          },
          error.matches,
        );
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(res, 422, req.body, error.fields);
    }
  });

  router.get('/speakers/:slug', async (req, res) => {
    const stancesPage = readPage({ page: req.query.stances_page }).page;
    const profile = await speakerProfile(prisma, req.params.slug, readPage({ page: req.query.page }), stancesPage);
    res.render('speakers/show', speakerProfileView(profile));
  });

  return router;
}
