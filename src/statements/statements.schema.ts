import { z } from 'zod';
import { parsePartialDate } from '../domain/partial-date';
import { ValidationError, type FieldErrors } from '../http/errors';

export const TEXT_MAX = 10_000;
export const SHORT_MAX = 300;

export const STATEMENT_KIND = ['quote', 'paraphrase', 'official_position', 'no_comment'] as const;
export const STANCE = ['supports', 'opposes', 'neutral', 'mixed', 'unclear'] as const;
export const SPEAKER_KIND = ['person', 'government', 'ministry', 'organisation', 'armed_group', 'media_outlet'] as const;
export const RELATION_KIND = ['responds_to', 'rejects', 'endorses', 'contradicts'] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An optional short line of text: blank means absent; surrounding spaces dropped. */
export const optionalLine = (max = SHORT_MAX) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep it under ${max} characters`).optional());

export const requiredLine = (label: string, max = SHORT_MAX) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `Keep it under ${max} characters`);

/** Quoted words are kept exactly as entered, spaces and all; only emptiness is refused. */
const verbatim = (label: string, max = TEXT_MAX) =>
  z
    .string({ error: `${label} is required` })
    .refine((s) => s.trim().length > 0, `${label} is required`)
    .refine((s) => s.length <= max, `${label} is too long: keep it under ${max.toLocaleString('en')} characters`);

// BCP 47 asks implementations to keep tags of up to 35 characters; a longer one is no language code.
export const languageTag = z
  .string()
  .trim()
  .max(35, 'Use a language code such as en, ar or fr-CA')
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language code such as en, ar or fr-CA');

export const partialDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const parsed = parsePartialDate(text);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD` });
        return z.NEVER;
      }
      if (parsed.date.getTime() > Date.now() + 86_400_000) {
        ctx.addIssue({ code: 'custom', message: `${label} cannot be in the future` });
        return z.NEVER;
      }
      return parsed;
    });

// Bytes, not characters: sources.url has a b-tree index, and PostgreSQL refuses an
// index entry over 2,704 bytes, which 2,000 characters of another script exceed.
const URL_MAX_BYTES = 2000;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Enter a full web address starting with http:// or https://' })
  .refine(
    (url) => Buffer.byteLength(url) <= URL_MAX_BYTES,
    'This address is too long: keep it under 2,000 bytes (a letter beyond A–Z takes two to four)',
  );

/** PostgreSQL's int4, the type of every id: a larger number cannot name a row, and querying it is a database error. */
export const MAX_ID = 2_147_483_647;

/**
 * A whole number as JSON writes it (2) or as a form sends it ("2"). Not z.coerce,
 * which also reads true, [2], "0x2", "" and 1e20 as numbers.
 */
const wholeNumber = (error: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v) ? Number(v) : v),
    z.number({ error }).int({ error }),
  );

/** A yes/no: JSON true or "true", or a ticked checkbox ("on"); anything else, or nothing, is no. */
export const flag = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const newSpeakerInput = z.object({
  name: requiredLine('Speaker name', 200),
  kind: z.enum(SPEAKER_KIND, { error: 'Choose what kind of speaker this is' }),
  description: optionalLine(500),
  country: optionalLine(100),
});

export const newTopicInput = z.object({
  name: requiredLine('Topic name', 200),
  description: optionalLine(1000),
  parent: optionalLine(120),
});

const slugRef = (label: string) => z.string().trim().min(1, `Choose a ${label}`).max(120);

export const sourceInput = z.object({
  publisher: requiredLine('Publisher', 200),
  title: optionalLine(500),
  url: z.preprocess(blankToUndefined, httpUrl.optional()),
  published_on: z.preprocess(blankToUndefined, partialDate('Publication date').optional()),
  archived_url: z.preprocess(blankToUndefined, httpUrl.optional()),
});

export const positionInput = z.object({
  topic: z.union([slugRef('topic'), newTopicInput], { error: 'Choose a topic or name a new one' }),
  stance: z.enum(STANCE, { error: 'Choose a stance: supports, opposes, neutral, mixed or unclear' }),
  strength: wholeNumber('Strength is 1 (plain) or 2 (strong)')
    .refine((n) => n === 1 || n === 2, 'Strength is 1 (plain) or 2 (strong)')
    .default(1),
});

export const relationInput = z.object({
  kind: z.enum(RELATION_KIND, { error: 'Choose responds_to, rejects, endorses or contradicts' }),
  statement_id: wholeNumber('Give the id of the other statement').refine(
    (id) => id >= 1 && id <= MAX_ID,
    `A statement id is a whole number from 1 to ${MAX_ID}`,
  ),
});

/** The same link listed twice would break the unique (from, to, kind) key: say so beside the repeat. */
function refuseRepeatedRelations(relations: z.output<typeof relationInput>[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  relations.forEach(({ kind, statement_id }, i) => {
    const key = `${kind} ${statement_id}`;
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [i, 'statement_id'], message: 'This relation is already listed above' });
    seen.add(key);
  });
}

/** A new statement, in the API's snake_case shape; the form is converted to it before parsing. */
export const newStatementInput = z
  .object({
    speaker: z.union([slugRef('speaker'), newSpeakerInput], { error: 'Choose a speaker or name a new one' }),
    kind: z.enum(STATEMENT_KIND, { error: 'Choose how it was said: quote, paraphrase, official position or no comment' }),
    text: verbatim('The statement text'),
    language: languageTag.default('en'),
    original_text: z.preprocess(blankToUndefined, verbatim('The original text').optional()),
    original_language: z.preprocess(blankToUndefined, languageTag.optional()),
    said_on: z.preprocess(blankToUndefined, partialDate('The date').optional()),
    place: optionalLine(),
    context: optionalLine(2000),
    attribution: optionalLine(),
    source_unknown: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
    sources: z.array(sourceInput).max(10, 'At most 10 sources').default([]),
    positions: z.array(positionInput).min(1, 'Add at least one topic with a stance').max(20, 'At most 20 topics'),
    relations: z.array(relationInput).max(20, 'At most 20 related statements').superRefine(refuseRepeatedRelations).default([]),
    /** Record it even when the speaker already has a nearly identical statement. */
    allow_duplicate: flag,
    /** Create the new speaker even when an existing speaker's name or alias is very close. */
    allow_similar_name: flag,
  })
  // Runs even when other fields failed, so that a form lists every problem at once;
  // the value may then be partly unparsed, hence the defensive reads.
  .superRefine(
    (input, ctx) => {
      const sources = Array.isArray(input.sources) ? input.sources : [];
      if (sources.length === 0 && input.source_unknown !== true) {
        ctx.addIssue({ code: 'custom', path: ['sources'], message: 'Add at least one source, or tick "source unknown"' });
      }
      if (input.original_text !== undefined && input.original_language === undefined) {
        ctx.addIssue({ code: 'custom', path: ['original_language'], message: 'Give the language of the original text' });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );

export type NewStatementInput = z.output<typeof newStatementInput>;
export type NewSpeakerInput = z.output<typeof newSpeakerInput>;
export type NewTopicInput = z.output<typeof newTopicInput>;

/** The filters of statement lists (page and API): slugs and enum values from the query string. */
export const statementFilters = z.object({
  speaker: z.preprocess(blankToUndefined, z.string({ error: 'Give one speaker slug' }).trim().max(120).optional()),
  topic: z.preprocess(blankToUndefined, z.string({ error: 'Give one topic slug' }).trim().max(120).optional()),
  stance: z.preprocess(
    blankToUndefined,
    z.enum(STANCE, { error: 'Filter by supports, opposes, neutral, mixed or unclear' }).optional(),
  ),
  kind: z.preprocess(
    blankToUndefined,
    z.enum(STATEMENT_KIND, { error: 'Filter by quote, paraphrase, official_position or no_comment' }).optional(),
  ),
});

export type StatementFilters = z.output<typeof statementFilters>;

/** Parses a new statement or throws a ValidationError naming every failing field. */
export function parseNewStatement(input: unknown): NewStatementInput {
  const result = newStatementInput.safeParse(input);
  if (!result.success) throw new ValidationError(statementFieldErrors(result.error.issues));
  return result.data;
}

/**
 * The first message per dotted path. A union (slug or new record) that failed
 * because the new record is incomplete reports the record's own fields
 * (`speaker.kind`), not "choose a speaker or name a new one".
 */
export function statementFieldErrors(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const inner = issue.code === 'invalid_union' ? closestOption(issue.errors) : undefined;
    const found = inner ? statementFieldErrors(inner, path) : { [path.map(String).join('.') || '_']: issue.message };
    for (const [key, message] of Object.entries(found)) fields[key] ??= message;
  }
  return fields;
}

/** The one option of a union whose input had the right type, if exactly one did. */
function closestOption(options: z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  const typed = options.filter((issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  return typed.length === 1 ? typed[0] : undefined;
}
