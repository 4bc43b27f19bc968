import { z } from 'zod';
import { SPEAKER_KINDS } from '../domain/vocabulary';
import type { SpeakerKind } from '../generated/prisma/enums';
import { flag, newSpeakerInput, optionalLine } from '../statements/statements.schema';

/** The speaker form and `POST /api/v1/speakers`: the new-speaker fields plus aliases and membership. */
export const speakerFormInput = newSpeakerInput.extend({
  aliases: z.preprocess(
    (v) => (typeof v === 'string' ? v.split('\n') : v),
    z
      .array(z.string().trim().max(200, 'Keep each alias under 200 characters'))
      .max(100, 'At most 100 aliases')
      .transform((list) => [...new Set(list.filter((a) => a.length > 0))])
      .default([]),
  ),
  member_of: optionalLine(120),
  /** Create it even when an existing speaker's name or alias is very close (the form's "This is a different speaker"). */
  allow_similar_name: flag,
});

export type SpeakerFormInput = z.output<typeof speakerFormInput>;

const speakerKind = z.enum(Object.keys(SPEAKER_KINDS) as [SpeakerKind, ...SpeakerKind[]], {
  error: `Kind is one of ${Object.keys(SPEAKER_KINDS).join(', ')}`,
});

/** `?kind=&q=` of the API: a filter it does not know is an error. */
export const speakerFilterQuery = z.object({
  kind: z.preprocess((v) => (v === '' ? undefined : v), speakerKind.optional()),
  q: optionalLine(100),
});

/** The same filter on the page, where a stray value just means "no filter". */
export const speakerFilterPageQuery = z.object({
  kind: speakerKind.optional().catch(undefined),
  q: optionalLine(100).catch(undefined),
});

export type SpeakerFilter = z.output<typeof speakerFilterQuery>;

/** `GET /api/v1/speakers/lookup?q=`: what was typed in a speaker field. */
export const speakerLookupQuery = z.object({
  q: z
    .string({ error: 'Give the name to look up as q' })
    .trim()
    .min(1, 'Give the name to look up as q')
    .max(200, 'Keep q under 200 characters'),
});
