import { z } from 'zod';
import { newSpeakerInput, optionalLine } from '../statements/statements.schema';

/** The speaker form and `POST /api/v1/speakers`: the new-speaker fields plus aliases and membership. */
export const speakerFormInput = newSpeakerInput.extend({
  aliases: z.preprocess(
    (v) => (typeof v === 'string' ? v.split('\n') : v),
    z
      .array(z.string().trim().max(200, 'Keep each alias under 200 characters'))
      .transform((list) => [...new Set(list.filter((a) => a.length > 0))])
      .default([]),
  ),
  member_of: optionalLine(120),
});

export type SpeakerFormInput = z.output<typeof speakerFormInput>;
