import { Router } from 'express';
import type { PrismaClient } from '../db/client';

// Placeholder: the history feature (issue 3) fills this in.
export function historyRoutes(_prisma: PrismaClient): Router {
  return Router();
}
