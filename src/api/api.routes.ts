import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { speakersApi } from './speakers.api';
import { statementsApi } from './statements.api';
import { topicsApi } from './topics.api';
import { searchApi } from '../search/search.routes';
import { editingApi } from '../editing/editing.api';
import { extractApi } from '../from-article/from-article.api';

/** The JSON API under /api/v1: snake_case fields, errors as { error: { code, message, fields } }. */
export function apiRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.use(editingApi(prisma));
  router.use(speakersApi(prisma));
  router.use(topicsApi(prisma));
  router.use(statementsApi(prisma));
  router.use(searchApi(prisma));
  router.use(extractApi(prisma));
  return router;
}
