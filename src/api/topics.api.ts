import { Router } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { readPage } from '../http/pagination';
import { parseOrThrow } from '../http/validation';
import { topicStances, type TopicStance } from '../topics/topics.comparison';
import { topicFilterQuery, topicFormInput } from '../topics/topics.schema';
import { addTopic, findTopic, listTopics, type TopicDetail, type TopicSummary } from '../topics/topics.service';
import { isoOrNull, paginationJson } from './json-fields';

const topicJson = (t: TopicSummary) => ({
  slug: t.slug,
  name: t.name,
  description: t.description,
  parent: t.parent?.slug ?? null,
});

const detailJson = (t: TopicDetail) => ({ ...topicJson(t), children: t.children });

const stanceJson = (s: TopicStance) => ({
  speaker: s.speaker,
  stance: s.stance,
  strength: s.strength,
  said_on: isoOrNull(s.saidOn, s.saidOnPrecision),
  statement_id: s.statementId,
  statement_kind: s.statementKind,
  conflicting_statement_id: s.conflictingStatementId,
});

export function topicsApi(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/topics', async (req, res) => {
    const filter = parseOrThrow(topicFilterQuery, req.query);
    const page = await listTopics(prisma, filter, readPage(req.query));
    res.json({ data: page.items.map(topicJson), pagination: paginationJson(page) });
  });

  router.get('/topics/:slug', async (req, res) => {
    const topic = await findTopic(prisma, req.params.slug);
    const stances = await topicStances(prisma, topic.id, readPage(req.query, 100));
    res.json({ ...detailJson(topic), stances: stances.items.map(stanceJson), pagination: paginationJson(stances) });
  });

  router.post('/topics', requireEditor, async (req, res) => {
    const { slug } = await addTopic(prisma, parseOrThrow(topicFormInput, req.body ?? {}), actor(res).id);
    const topic = await findTopic(prisma, slug);
    res
      .status(201)
      .location(`/api/v1/topics/${encodeURIComponent(slug)}`)
      .json({ ...detailJson(topic), stances: [] });
  });

  return router;
}
