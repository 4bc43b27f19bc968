import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../http/errors';
import { readPage } from '../http/pagination';
import { parseOrThrow } from '../http/validation';
import { findStatementRecord, listStatementRecords, parseStatementId } from '../statements/statements.queries';
import { parseNewStatement, statementFilters } from '../statements/statements.schema';
import { createStatement } from '../statements/statements.service';
import { statementJson, statementListJson } from '../statements/statements.json';

/**
 * /api/v1/statements: the list (filters: speaker, topic, stance, kind; newest
 * first; page and limit), one statement, and recording a new one.
 */
export function statementsApi(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/statements', async (req, res) => {
    const filters = parseOrThrow(statementFilters, req.query);
    res.json(statementListJson(await listStatementRecords(prisma, filters, readPage(req.query))));
  });

  router.get('/statements/:id', async (req, res) => {
    const id = parseStatementId(req.params.id);
    const row = id === undefined ? null : await findStatementRecord(prisma, id);
    if (!row) throw new NotFoundError(`No statement with the id ${req.params.id}`);
    res.json(statementJson(row));
  });

  router.post('/statements', async (req, res) => {
    const created = await createStatement(prisma, parseNewStatement(req.body));
    const row = await findStatementRecord(prisma, created.id);
    res.status(201).location(`/api/v1/statements/${created.id}`).json(statementJson(row!));
  });

  return router;
}
