import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { readPage } from '../http/pagination';
import { parseOrThrow } from '../http/validation';
import { searchResultJson } from './search.json';
import { searchParams } from './search.schema';
import { isEmptySearch, searchStatements } from './search.service';
import { searchPage } from './search.view';

/** GET /search: the page (form, tips, results). */
export function searchRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const { status, ...page } = await searchPage(prisma, req.query, readPage(req.query));
    res.status(status).render('search/index', page);
  });
  return router;
}

/**
 * GET /api/v1/search: the same parameters as the page (speaker and topic as
 * slugs); 422 naming each bad parameter. With no words and no filter the list
 * is empty.
 */
export function searchApi(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const params = parseOrThrow(searchParams, req.query);
    const page = readPage(req.query);
    if (isEmptySearch(params)) {
      res.json({
        data: [],
        pagination: { page: page.page, limit: page.limit, next_page: null },
        search: { order: 'newest', matches: 0, matches_capped: false, ranking_skipped: false, speaker: null, topic: null },
      });
      return;
    }
    res.json(searchResultJson(await searchStatements(prisma, params, page)));
  });
  return router;
}
