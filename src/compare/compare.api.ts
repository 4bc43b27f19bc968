import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../http/errors';
import { isoOrNull } from '../api/json-fields';
import { excerpt } from '../http/excerpt';
import { stanceLabel } from '../domain/vocabulary';
import { readCompareRequest, SPEAKERS_PER_PAGE } from './compare.schema';
import { canonicalParams, compare, queryString, type Comparison } from './compare.service';

// GET /api/v1/compare: the grid as JSON, with the page's parameters. Cells
// are listed only where a stance is on record, row by row in the grid's order.

const EXCERPT = 200;

export function compareJson(c: Comparison, siteUrl: string) {
  const topicSlug = new Map(c.topics.map((t) => [t.id, t.slug]));
  const speakerSlug = new Map(c.speakers.map((s) => [s.id, s.slug]));
  const order = (id: number, list: { id: number }[]) => list.findIndex((x) => x.id === id);
  const cells = [...c.cells].sort(
    (a, b) =>
      order(a.speakerId, c.speakers) - order(b.speakerId, c.speakers) || order(a.topicId, c.topics) - order(b.topicId, c.topics),
  );
  const query = queryString(canonicalParams(c));
  return {
    topics: c.topics.map((t) => ({ slug: t.slug, name: t.name })),
    speakers: c.speakers.map((s) => ({ slug: s.slug, name: s.name, kind: s.kind })),
    cells: cells.map((cell) => ({
      speaker: speakerSlug.get(cell.speakerId),
      topic: topicSlug.get(cell.topicId),
      stance: cell.stance,
      strength: cell.strength,
      label: stanceLabel(cell.stance, cell.strength, cell.statement.kind),
      said_on: isoOrNull(cell.saidOn, cell.saidOnPrecision),
      said_on_precision: cell.saidOnPrecision,
      statement_id: cell.statement.id,
      conflicting_statement_id: cell.conflictingStatementId,
      statement_kind: cell.statement.kind,
      statement_url: `${siteUrl}/statements/${cell.statement.id}`,
      excerpt: excerpt(cell.statement.text, EXCERPT).text,
      language: cell.statement.language,
    })),
    filter: c.filter ? { kind: c.filter.kind ?? null, country: c.filter.country ?? null } : null,
    pagination: c.filter
      ? { page: c.filter.page, limit: SPEAKERS_PER_PAGE, next_page: c.filter.hasNext ? c.filter.page + 1 : null }
      : null,
    links: { page: `${siteUrl}/compare?${query}`, csv: `${siteUrl}/compare.csv?${query}` },
  };
}

export function compareApi(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/compare', async (req, res) => {
    const { comparison, errors } = await compare(prisma, readCompareRequest(req.query));
    if (!comparison) throw new ValidationError(errors);
    res.json(compareJson(comparison, `${req.protocol}://${req.get('host')}`));
  });
  return router;
}
