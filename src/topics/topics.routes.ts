import { Router, type Response } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { ValidationError, type FieldErrors } from '../http/errors';
import { readPage } from '../http/pagination';
import { fieldErrors } from '../http/validation';
import { PER_COLUMN } from './topics.comparison';
import { topicPage } from './topics.queries';
import { comparisonPageQuery, topicFilterPageQuery, topicFormInput } from './topics.schema';
import { addTopic, listTopics, parentChoices } from './topics.service';
import { topicFormView, topicListView, topicPageView } from './topics.view';

export function topicsRoutes(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/topics', async (req, res) => {
    const filter = topicFilterPageQuery.parse(req.query);
    const page = await listTopics(prisma, filter, readPage({ page: req.query.page }));
    res.render('topics/index', topicListView(page, filter));
  });

  const renderForm = async (res: Response, status: number, body: unknown, errors?: FieldErrors) => {
    res.status(status).render('topics/new', topicFormView(body, errors, await parentChoices(prisma)));
  };

  router.get('/topics/new', requireEditor, async (req, res) => {
    await renderForm(res, 200, { parent: req.query.parent });
  });

  router.post('/topics/new', requireEditor, async (req, res) => {
    const parsed = topicFormInput.safeParse(req.body ?? {});
    if (!parsed.success) return renderForm(res, 422, req.body, fieldErrors(parsed.error));
    try {
      const { slug } = await addTopic(prisma, parsed.data, actor(res).id);
      res.redirect(303, `/topics/${encodeURIComponent(slug)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(res, 422, req.body, error.fields);
    }
  });

  router.get('/topics/:slug', async (req, res) => {
    const { column } = comparisonPageQuery.parse(req.query);
    const { page } = readPage({ page: req.query.page }, PER_COLUMN);
    // `page` turns the one column named, or else the list of statements.
    const paging = { column, page: column ? page : 1 };
    const statementsPage = readPage({ page: column ? 1 : page });
    const view = topicPageView(await topicPage(prisma, req.params.slug, paging, statementsPage));
    res.render('topics/show', view);
  });

  return router;
}
