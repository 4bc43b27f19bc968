import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { isoOrNull, paginationJson } from '../api/json-fields';
import { readPage } from '../http/pagination';
import { HISTORY_PAGE_SIZE, stanceHistory, type HistoryEntry } from './history.queries';
import { historyPageView } from './history.view';

const entryJson = (e: HistoryEntry) => ({
  statement_id: e.statement.id,
  kind: e.statement.kind,
  text: e.statement.text,
  language: e.statement.language,
  said_on: isoOrNull(e.statement.saidOn, e.statement.saidOnPrecision),
  stance: e.stance,
  strength: e.strength,
  shift: e.shift ? { from: e.shift.fromStance, to: e.shift.toStance, previous_statement_id: e.shift.previousStatementId } : null,
  sources: e.statement.sources.map(({ source }) => ({
    publisher: source.publisher,
    title: source.title,
    url: source.url,
    published_on: isoOrNull(source.publishedOn, source.publishedOnPrecision),
  })),
});

/**
 * A speaker's record on one topic: `/speakers/:slug/topics/:topic` (page) and
 * `/api/v1/speakers/:slug/topics/:topic/history` (JSON). The timeline runs
 * oldest first (date, then statement id), paged; undated positions apart.
 */
export function historyRoutes(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/speakers/:slug/topics/:topic', async (req, res) => {
    const page = readPage({ page: req.query.page }, HISTORY_PAGE_SIZE);
    const history = await stanceHistory(prisma, req.params.slug, req.params.topic, page);
    res.render('history/show', historyPageView(history));
  });

  router.get('/api/v1/speakers/:slug/topics/:topic/history', async (req, res) => {
    const history = await stanceHistory(prisma, req.params.slug, req.params.topic, readPage(req.query, HISTORY_PAGE_SIZE));
    const { current } = history;
    res.json({
      speaker: { slug: history.speaker.slug, name: history.speaker.name },
      topic: { slug: history.topic.slug, name: history.topic.name },
      current: current
        ? {
            stance: current.stance,
            strength: current.strength,
            said_on: isoOrNull(current.saidOn, current.saidOnPrecision),
            statement_id: current.statement.id,
            conflicting_statement_id: current.conflictingStatement?.id ?? null,
          }
        : null,
      counts: history.counts,
      data: history.timeline.items.map(entryJson),
      pagination: paginationJson(history.timeline),
      undated: history.undated.map(entryJson),
    });
  });

  return router;
}
