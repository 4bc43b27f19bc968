import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { homePage } from './home.service';

export function homeRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.render('home/index', { title: 'Statements and stances, on record', ...(await homePage(prisma)) });
  });
  return router;
}
