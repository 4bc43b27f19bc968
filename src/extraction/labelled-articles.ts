import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TextSpan } from './types';

// The labelled articles of tests/fixtures/articles (see its README): their
// labels checked and each span located in its text, for the scorer in
// evaluate.ts. Everything here is pure except loadArticleFixtures.

const stanceSchema = z.enum(['supports', 'opposes', 'neutral', 'mixed', 'unclear']);
const kindSchema = z.enum(['quote', 'paraphrase', 'official_position', 'no_comment']);

const goldStatementSchema = z
  .strictObject({
    speaker: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    kind: kindSchema,
    verbatim: z.boolean(),
    /** An exact substring of the article; `occurrence` (1-based) picks one when it appears more than once. */
    span: z.string().min(1),
    occurrence: z.number().int().min(1).optional(),
    topic: z.string().min(1).optional(),
    stance: stanceSchema,
    strength: z.union([z.literal(1), z.literal(2)]),
  })
  // The rules an editor's label must keep, so that a typo in a fixture fails loudly.
  .refine((s) => s.kind !== 'quote' || s.verbatim, { message: 'a quote is verbatim' })
  .refine((s) => s.kind !== 'paraphrase' || !s.verbatim, { message: 'a paraphrase is not verbatim' })
  .refine((s) => s.kind !== 'no_comment' || (!s.verbatim && s.stance === 'unclear'), {
    message: 'a no_comment is not verbatim and its stance is unclear',
  });

export const articleFixtureSchema = z.strictObject({
  /** True for an article written after the extractor was tuned and never shown to it: its figures are the honest ones. */
  heldOut: z.boolean().optional(),
  source: z.strictObject({
    publisher: z.string().min(1),
    title: z.string().min(1).optional(),
    url: z.url().optional(),
    publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  }),
  topic: z.string().min(1),
  statements: z.array(goldStatementSchema).min(1),
  /** Quoted words a careful editor would not record (titles, scare quotes, unattributed quotes): documentation only. */
  notRecorded: z.array(z.strictObject({ span: z.string().min(1), why: z.string().min(1) })).default([]),
});

export type ArticleFixture = z.infer<typeof articleFixtureSchema>;
export type Group = 'direct' | 'reported' | 'no_comment';
export const GROUPS: readonly Group[] = ['direct', 'reported', 'no_comment'];

export type GoldStatement = z.infer<typeof goldStatementSchema> & TextSpan & { group: Group };

export type LabelledArticle = {
  /** The file name without extension, e.g. "01-druze-separate-region". */
  id: string;
  text: string;
  topic: string;
  /** Held out from tuning (`"heldOut": true` in its JSON); the others are the articles the extractor was tuned on. */
  heldOut: boolean;
  statements: GoldStatement[];
};

/** Where `needle` sits in `text`: its only occurrence, or the `occurrence`-th when given. */
export function locateSpan(text: string, needle: string, occurrence?: number): TextSpan {
  const starts: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) starts.push(at);
  if (starts.length === 0) throw new Error(`span not found in the text: "${needle}"`);
  if (occurrence === undefined && starts.length > 1) {
    throw new Error(`span appears ${starts.length} times; give "occurrence": "${needle}"`);
  }
  const start = starts[(occurrence ?? 1) - 1];
  if (start === undefined) throw new Error(`span has no occurrence ${occurrence}: "${needle}"`);
  return { start, end: start + needle.length };
}

export function groupOf(statement: { verbatim: boolean; kind: string }): Group {
  if (statement.verbatim) return 'direct';
  return statement.kind === 'no_comment' ? 'no_comment' : 'reported';
}

/** Checks a fixture and places its spans; throws naming the statement when a label is wrong. */
export function labelArticle(id: string, text: string, json: unknown): LabelledArticle {
  const parsed = articleFixtureSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${id}: ${z.prettifyError(parsed.error)}`);
  const statements = parsed.data.statements.map((statement, index) => {
    try {
      return { ...statement, ...locateSpan(text, statement.span, statement.occurrence), group: groupOf(statement) };
    } catch (error) {
      throw new Error(`${id}: statement ${index + 1}: ${(error as Error).message}`, { cause: error });
    }
  });
  return { id, text, topic: parsed.data.topic, heldOut: parsed.data.heldOut ?? false, statements };
}

/** The number an article's name starts with (NN-slug, or NNN-slug past 99). */
export const articleNumber = (id: string): number => Number.parseInt(id, 10);

/** Reads every NN-slug.txt / NN-slug.json pair of a folder, in number order. */
export function loadArticleFixtures(dir: string): LabelledArticle[] {
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort((a, b) => articleNumber(a) - articleNumber(b) || a.localeCompare(b));
  return ids.map((id) => {
    const text = readFileSync(path.join(dir, `${id}.txt`), 'utf8');
    const json: unknown = JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8'));
    return labelArticle(id, text, json);
  });
}
