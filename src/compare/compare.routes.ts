import { Router, type Request, type Response } from 'express';
import type { PrismaClient } from '../db/client';
import { compareApi } from './compare.api';
import { compareCsv, csvFilename } from './compare.csv';
import { isEmptyRequest, readCompareRequest } from './compare.schema';
import {
  canonicalParams,
  compare,
  compareSuggestions,
  exampleParams,
  isCanonical,
  queryString,
  type Comparison,
} from './compare.service';
import { compareEmptyView, compareErrorView, comparePageView } from './compare.view';

const siteUrl = (req: Request) => `${req.protocol}://${req.get('host')}`;

function sendCsv(req: Request, res: Response, c: Comparison) {
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${csvFilename(c)}"`)
    .send(compareCsv(c, siteUrl(req)));
}

/**
 * /compare (the page, or its CSV with ?format=csv), /compare.csv and GET
 * /api/v1/compare. The page redirects whatever names its topics and speakers
 * by name to the address that names them by slug, so that it can be shared.
 */
export function compareRoutes(prisma: PrismaClient): Router {
  const router = Router();

  const answer = async (req: Request, res: Response, csv: boolean) => {
    const request = readCompareRequest(req.query);
    if (isEmptyRequest(request) && !csv) {
      // A blank form sent as it is comes back to the plain address.
      if (Object.keys(req.query).length > 0) return res.redirect(303, '/compare');
      const [suggestions, example] = await Promise.all([compareSuggestions(prisma), exampleParams(prisma)]);
      return res.render('compare/index', compareEmptyView(suggestions, example));
    }
    const { comparison, errors } = await compare(prisma, request);
    if (!comparison)
      return res.status(422).render('compare/index', compareErrorView(request, await compareSuggestions(prisma), errors));
    if (csv) return sendCsv(req, res, comparison);
    const params = canonicalParams(comparison);
    if (!isCanonical(req.query, params)) return res.redirect(303, `/compare?${queryString(params)}`);
    res.render('compare/index', comparePageView(comparison, await compareSuggestions(prisma)));
  };

  router.get('/compare', (req, res) => answer(req, res, req.query.format === 'csv'));
  router.get('/compare.csv', (req, res) => answer(req, res, true));
  router.use('/api/v1', compareApi(prisma));
  return router;
}
