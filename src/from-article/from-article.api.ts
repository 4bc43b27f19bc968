import express, { Router, type RequestHandler } from 'express';
import { requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import type { Proposal } from '../extraction/types';
import { parseOrThrow } from '../http/validation';
import { extractStatements } from '../extraction/extract';
import { API_BODY_LIMIT, extractApiInput } from './from-article.schema';
import { candidatesByName, findTopic, type SpeakerCandidate } from './from-article.service';

/** The JSON parser of POST /api/v1/extract, mounted before the app's 256 KB one: an article is longer. */
export const extractApiBody: RequestHandler = express.json({ limit: API_BODY_LIMIT });

const span = (s: { start: number; end: number } | null) => (s ? { start: s.start, end: s.end } : null);

/** A proposal in the API's snake_case, with the speakers on record its speaker's name matches. */
function proposalJson(p: Proposal, matches: SpeakerCandidate[]) {
  return {
    kind: p.kind,
    verbatim: p.verbatim,
    text: p.text,
    span: span(p.span),
    cue: p.cue,
    speaker: {
      name: p.speaker.name,
      mention: p.speaker.mention,
      mention_span: span(p.speaker.mentionSpan),
      kind: p.speaker.kind,
    },
    speaker_matches: matches.map((m) => ({ id: m.id, slug: m.slug, name: m.name, matched: m.matched, exact: m.exact })),
    stance: { stance: p.stance.stance, strength: p.stance.strength, cues: p.stance.cues, negated: p.stance.negated },
  };
}

/**
 * POST /api/v1/extract: proposes the statements of an article (nothing is
 * written). `topic` is a topic's slug or name, or any topic in words: the
 * stances are suggested on it.
 */
export function extractApi(prisma: PrismaClient): Router {
  const router = Router();
  router.post('/extract', requireEditor, async (req, res) => {
    const input = parseOrThrow(extractApiInput, req.body);
    const topic = input.topic ? await findTopic(prisma, input.topic) : null;
    const topicName = topic?.name ?? input.topic;
    const proposals = extractStatements(input.text, topicName ? { topic: topicName } : {});
    const matches = await candidatesByName(
      prisma,
      proposals.map((p) => p.speaker.name),
    );
    res.json({
      topic: topicName ? { name: topicName, slug: topic?.slug ?? null } : null,
      proposals: proposals.map((p) => proposalJson(p, matches.get(p.speaker.name) ?? [])),
    });
  });
  return router;
}
