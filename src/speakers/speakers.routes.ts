import { Router, type Response } from 'express';
import type { PrismaClient } from '../db/client';
import { ValidationError, type FieldErrors } from '../http/errors';
import { readPage } from '../http/pagination';
import { fieldErrors } from '../http/validation';
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

  const renderForm = async (res: Response, status: number, body: unknown, errors?: FieldErrors) => {
    res.status(status).render('speakers/new', speakerFormView(body, errors, await memberOfChoices(prisma)));
  };

  router.get('/speakers/new', async (req, res) => {
    await renderForm(res, 200, { member_of: req.query.member_of });
  });

  router.post('/speakers/new', async (req, res) => {
    const parsed = speakerFormInput.safeParse(req.body ?? {});
    if (!parsed.success) return renderForm(res, 422, req.body, fieldErrors(parsed.error));
    try {
      const { slug } = await addSpeaker(prisma, parsed.data);
      res.redirect(303, `/speakers/${encodeURIComponent(slug)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(res, 422, req.body, error.fields);
    }
  });

  router.get('/speakers/:slug', async (req, res) => {
    const profile = await speakerProfile(prisma, req.params.slug, readPage({ page: req.query.page }));
    res.render('speakers/show', speakerProfileView(profile));
  });

  return router;
}
