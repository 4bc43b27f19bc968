import { Router } from 'express';
import type { PrismaClient } from '../db/client';
import { isoOrNull, paginationJson } from '../api/json-fields';
import { NotFoundError } from '../http/errors';
import { pageWindow, readPage, toPage } from '../http/pagination';
import { HISTORY_PAGE_SIZE, recentShifts, stanceHistory, type HistoryEntry, type RecentShift } from './history.queries';
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

const shiftJson = (s: RecentShift) => ({
  speaker: s.speaker,
  topic: s.topic,
  from: s.fromStance,
  to: s.toStance,
  said_on: isoOrNull(s.saidOn, s.statement.saidOnPrecision),
  statement_id: s.statement.id,
  previous_statement_id: s.previousStatementId,
});

/**
 * A speaker's record on one topic: `/speakers/:slug/topics/:topic` (page) and
 * `/api/v1/speakers/:slug/topics/:topic/history` (JSON); recent shifts at
 * `/api/v1/shifts`. The timeline runs
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

  // The latest stance shifts, everywhere or on one topic (`?topic=slug`), newest first.
  router.get('/api/v1/shifts', async (req, res) => {
    const page = readPage(req.query);
    const slug = typeof req.query.topic === 'string' && req.query.topic !== '' ? req.query.topic : undefined;
    const topic = slug ? await prisma.topic.findUnique({ where: { slug }, select: { id: true } }) : undefined;
    if (topic === null) throw new NotFoundError(`No topic with the slug "${slug}" is on record`);
    const { skip, take } = pageWindow(page);
    const shifts = toPage(await recentShifts(prisma, { topicId: topic?.id, limit: take, skip }), page);
    res.json({ data: shifts.items.map(shiftJson), pagination: paginationJson(shifts) });
  });

  return router;
}
