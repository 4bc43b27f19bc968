import { z } from 'zod';
import { parsePartialDate, type PartialDate } from '../domain/partial-date';
import { languageTag, SPEAKER_KIND, STANCE, STATEMENT_KIND } from '../statements/statements.schema';
import { MAX_TERMS, hasPositiveTerm, parseSearchQuery, termCount, type ParsedQuery } from './search.query';

export const Q_MAX = 500;
export const SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SORTS)[number];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const slug = (what: string) =>
  optional(
    z
      .string({ error: `Give one ${what} slug` })
      .trim()
      .max(120, `No ${what} has a slug that long`),
  );

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, future dates allowed (a range may end later than today). */
const partialDate = (label: string) =>
  optional(
    z.string({ error: `${label} must be one date` }).transform((text, ctx): PartialDate => {
      const parsed = parsePartialDate(text);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD` });
        return z.NEVER;
      }
      return parsed;
    }),
  );

const words = optional(
  z
    .string({ error: 'Search for one piece of text' })
    .max(Q_MAX, `Keep the search under ${Q_MAX} characters`)
    .transform((text, ctx): { text: string; parsed: ParsedQuery } => {
      const parsed = parseSearchQuery(text);
      if (termCount(parsed) > MAX_TERMS) {
        ctx.addIssue({ code: 'custom', message: `Use at most ${MAX_TERMS} words or phrases` });
        return z.NEVER;
      }
      if (termCount(parsed) > 0 && !hasPositiveTerm(parsed)) {
        ctx.addIssue({ code: 'custom', message: 'Add a word to look for, besides the words to leave out' });
        return z.NEVER;
      }
      return { text: text.trim(), parsed };
    }),
);

/** The search's parameters, the same for the page and the API (snake_case names). */
export const searchParams = z
  .object({
    q: words,
    speaker: slug('speaker'),
    speaker_kind: optional(
      z.enum(SPEAKER_KIND, {
        error: 'Filter by person, government, ministry, organisation, armed_group or media_outlet',
      }),
    ),
    topic: slug('topic'),
    stance: optional(z.enum(STANCE, { error: 'Filter by supports, opposes, neutral, mixed or unclear' })),
    kind: optional(z.enum(STATEMENT_KIND, { error: 'Filter by quote, paraphrase, official_position or no_comment' })),
    language: optional(z.string({ error: 'Give one language code' }).pipe(languageTag)),
    from: partialDate('From'),
    to: partialDate('To'),
    sort: optional(z.enum(SORTS, { error: 'Sort by relevance or newest' })),
  })
  .superRefine((p, ctx) => {
    if (p.from && p.to && p.from.date > p.to.date)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'To must not be before From' });
  });

export type SearchParams = z.output<typeof searchParams>;

/** The first day after a partial date's period: 2025 → 2026-01-01, 2025-08 → 2025-09-01. */
export function periodEnd({ date, precision }: PartialDate): Date {
  const end = new Date(date);
  if (precision === 'year') end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (precision === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + 1);
  return end;
}
