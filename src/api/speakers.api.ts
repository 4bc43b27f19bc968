import { Router } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { readPage } from '../http/pagination';
import { parseOrThrow } from '../http/validation';
import { speakerStances, type SpeakerStance } from '../speakers/speakers.queries';
import { lookupSpeakers, SimilarSpeakerError, similarSpeakerJson, speakerMatchJson } from '../speakers/speakers.lookup';
import { speakerFilterQuery, speakerFormInput, speakerLookupQuery } from '../speakers/speakers.schema';
import { addSpeaker, findSpeaker, listSpeakers, type SpeakerSummary } from '../speakers/speakers.service';
import { isoOrNull, paginationJson } from './json-fields';

const speakerJson = (s: SpeakerSummary) => ({
  slug: s.slug,
  name: s.name,
  kind: s.kind,
  description: s.description,
  country: s.country,
  aliases: s.aliases,
  member_of: s.memberOf?.slug ?? null,
});

// `statement_ids`: the statements that hold the stance without a change in
// between, newest first (the first is the current one); `since`: the date of
// the earliest of them.
const stanceJson = (s: SpeakerStance) => ({
  topic: s.topic,
  stance: s.stance,
  strength: s.strength,
  since: isoOrNull(s.run.since, s.run.sincePrecision),
  statement_ids: s.run.statementIds,
  // Set when the stance is unclear because the latest statement and this one,
  // within 30 days before it, take opposite sides.
  conflicting_statement_id: s.conflictingStatement?.id ?? null,
});

export function speakersApi(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/speakers', async (req, res) => {
    const filter = parseOrThrow(speakerFilterQuery, req.query);
    const page = await listSpeakers(prisma, filter, readPage(req.query));
    res.json({ data: page.items.map(speakerJson), pagination: paginationJson(page) });
  });

  // Any name: slug, name or alias, exact or near ("Hijri", "al-Hijri"), best first.
  router.get('/speakers/lookup', async (req, res) => {
    const { q } = parseOrThrow(speakerLookupQuery, req.query);
    res.json({ data: (await lookupSpeakers(prisma, q)).map(speakerMatchJson) });
  });

  router.get('/speakers/:slug', async (req, res) => {
    const speaker = await findSpeaker(prisma, req.params.slug);
    const stances = await speakerStances(prisma, speaker.id, readPage(req.query, 100));
    res.json({ ...speakerJson(speaker), stances: stances.items.map(stanceJson), pagination: paginationJson(stances) });
  });

  router.post('/speakers', requireEditor, async (req, res) => {
    const input = parseOrThrow(speakerFormInput, req.body ?? {});
    const added = await addSpeaker(prisma, input, actor(res).id).catch((error: unknown) => {
      if (error instanceof SimilarSpeakerError) return error;
      throw error;
    });
    if (added instanceof SimilarSpeakerError) return res.status(409).json(similarSpeakerJson(added));
    const { slug } = added;
    const speaker = await findSpeaker(prisma, slug);
    res
      .status(201)
      .location(`/api/v1/speakers/${encodeURIComponent(slug)}`)
      .json({ ...speakerJson(speaker), stances: [] });
  });

  return router;
}
