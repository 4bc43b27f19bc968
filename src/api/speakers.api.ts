import { Router } from 'express';
import type { PrismaClient } from '../db/client';

export function speakersApi(_prisma: PrismaClient): Router {
  const router = Router();
  return router;
}
