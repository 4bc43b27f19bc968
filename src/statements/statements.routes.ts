import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../http/errors';
import { readPage } from '../http/pagination';
import { statementPage, statementTitle } from './statement-page';
import { findStatementDetail, parseStatementId } from './statements.queries';
import { statementListPage } from './statements.list';

export function statementsRoutes(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/statements', async (req, res) => {
    const { status, ...page } = await statementListPage(prisma, req.query, readPage(req.query));
    res.status(status).render('statements/index', { title: 'Statements', ...page });
  });

  router.get('/statements/:id', async (req, res) => {
    const id = parseStatementId(req.params.id);
    const row = id === undefined ? null : await findStatementDetail(prisma, id);
    if (!row) throw new NotFoundError(`No statement is recorded with the id ${req.params.id}`);
    res.render('statements/show', { title: statementTitle(row), statement: statementPage(row) });
  });

  return router;
}
