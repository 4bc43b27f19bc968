import { Router } from 'express';
import type { PrismaClient } from '../db/client';

// Placeholder: the feeds feature (issue 3) fills this in.
export function feedsRoutes(_prisma: PrismaClient): Router {
  return Router();
}
