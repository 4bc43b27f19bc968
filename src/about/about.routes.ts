import { Router } from 'express';
import { STANCES, STATEMENT_KINDS } from '../domain/vocabulary';

const kinds = Object.values(STATEMENT_KINDS);
const stances = Object.values(STANCES);

/**
 * How to read On Record. It touches no database, which also makes it the
 * benchmark's baseline: the same layout and view engine, without the queries.
 */
export function aboutRoutes(): Router {
  const router = Router();
  router.get('/about', (_req, res) => {
    res.render('about/index', { title: 'How to read On Record', kinds, stances });
  });
  return router;
}
