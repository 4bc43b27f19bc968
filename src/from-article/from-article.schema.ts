import { z } from 'zod';

// From a news article to attributed statements: the limits and the inputs
// that are not a statement's own (those go through newStatementInput).

/** The longest article accepted, in characters: a long feature is 30,000–60,000. */
export const ARTICLE_MAX = 100_000;

/**
 * The form's body limit. The review page sends the article back in a hidden
 * field beside every proposal's fields, and a character of another script is
 * up to 9 bytes percent-encoded, so the app's 256 KB would cut long articles
 * off; anything much past this (a 5 MB paste) is refused with 413 unread.
 */
export const FORM_BODY_LIMIT = '2mb';
/** The API's: the article once, as JSON (at most 6 bytes a character even when escaped). */
export const API_BODY_LIMIT = '1mb';
/** Fields of the review form: about 16 a proposal (its cues among them), for up to REVIEW_MAX_ROWS. */
export const FORM_PARAMETER_LIMIT = 5000;
/** The review page lists at most this many proposals; an article with more is reviewed in parts. */
export const REVIEW_MAX_ROWS = 100;

/** The article's text: something other than blank, at most ARTICLE_MAX characters. */
export const articleText = z
  .string({ error: 'Paste the text of the article' })
  .refine((s) => s.trim().length > 0, 'Paste the text of the article')
  .refine((s) => s.length <= ARTICLE_MAX, {
    error: (issue) =>
      `The article is too long: at most ${ARTICLE_MAX.toLocaleString('en')} characters (this one has ${String(issue.input).length.toLocaleString('en')}). Paste it in parts.`,
  });

/** POST /api/v1/extract: the article, and optionally the topic the stances are about (a slug or a name). */
export const extractApiInput = z.strictObject(
  {
    text: articleText,
    topic: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string({ error: 'A topic is a slug or a name' }).trim().max(200, 'Keep it under 200 characters').optional(),
    ),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Send only text and topic' : 'Send a JSON object: { "text": … }') },
);

export type ExtractApiInput = z.output<typeof extractApiInput>;
