import { Router } from 'express';
import type { PrismaClient } from '../db/client';

// Placeholder: the search feature (issue 3) fills this in.
export function searchRoutes(_prisma: PrismaClient): Router {
  return Router();
}
