import { Router } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../http/errors';
import { readPage } from '../http/pagination';
import { parseOrThrow } from '../http/validation';
import { findStatementRecord, listStatementRecords, parseStatementId } from '../statements/statements.queries';
import { parseNewStatement, statementFilters } from '../statements/statements.schema';
import { SimilarSpeakerError, similarSpeakerJson } from '../speakers/speakers.lookup';
import { DuplicateStatementError, duplicateStatementJson } from '../statements/statements.duplicates';
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

  // 409 `duplicate_statement` (with the existing ids) or `similar_speaker` (with the close speakers)
  // unless `allow_duplicate` / `allow_similar_name` is set.
  router.post('/statements', requireEditor, async (req, res) => {
    const created = await createStatement(prisma, parseNewStatement(req.body), actor(res).id).catch((error: unknown) => {
      if (error instanceof DuplicateStatementError || error instanceof SimilarSpeakerError) return error;
      throw error;
    });
    if (created instanceof DuplicateStatementError) return res.status(409).json(duplicateStatementJson(created));
    if (created instanceof SimilarSpeakerError) return res.status(409).json(similarSpeakerJson(created));
    res.status(201).location(`/api/v1/statements/${created.id}`).json(statementJson(created.record));
  });

  return router;
}
