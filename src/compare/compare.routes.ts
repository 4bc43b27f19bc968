import { Router } from 'express';
import type { PrismaClient } from '../db/client';

// Placeholder: the compare feature (issue 3) fills this in.
export function compareRoutes(_prisma: PrismaClient): Router {
  return Router();
}
