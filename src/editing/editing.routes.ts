import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { recordPages } from './record-pages';
import { statementPages } from './statement-pages';

/** Part 3's pages: edit, delete, history, revert, trash and merge. Reading history is public; writing needs an editor. */
export function editingRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.use(statementPages(prisma));
  router.use(recordPages(prisma));
  return router;
}
