import express, { Router, type RequestHandler, type Response } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { ValidationError, type FieldErrors } from '../http/errors';
import { SimilarSpeakerError } from '../speakers/speakers.lookup';
import { DuplicateStatementError } from '../statements/statements.duplicates';
import { resolveSpeakerReference } from '../statements/statements.choices';
import { MAX_ID, newStatementInput, sourceInput, statementFieldErrors } from '../statements/statements.schema';
import { extractStatements } from '../extraction/extract';
import {
  NEW_SPEAKER,
  proposalRow,
  readArticleForm,
  readReviewForm,
  reviewRowInput,
  rowErrors,
  type ArticleValues,
  type ReviewRow,
} from './from-article.form';
import { articleText, FORM_BODY_LIMIT, FORM_PARAMETER_LIMIT, REVIEW_MAX_ROWS } from './from-article.schema';
import {
  findTopic,
  ReviewRowError,
  saveArticleStatements,
  savedStatements,
  speakerOptions,
  topicChoices,
  type KeptStatement,
  type SpeakerOption,
} from './from-article.service';
import { articleFormView, reviewView, savedView } from './from-article.view';

/**
 * The body parser of these pages, mounted before the app's own: the review
 * form carries the whole article (twice on the way to the review), so it
 * needs more than the app's 256 KB; past FORM_BODY_LIMIT the answer is the
 * app's 413 page, before anything is read.
 */
export const fromArticleBody: RequestHandler = express.urlencoded({
  extended: true,
  limit: FORM_BODY_LIMIT,
  parameterLimit: FORM_PARAMETER_LIMIT,
});

const BLANK: ArticleValues = { text: '', topic: '', source: { publisher: '', title: '', url: '', published_on: '' } };

/** The article's text, source and topic, with a message per failing field. */
async function articleErrors(prisma: PrismaClient, article: ArticleValues): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const text = articleText.safeParse(article.text);
  if (!text.success) errors.text = text.error.issues[0]!.message;
  const source = sourceInput.safeParse(article.source);
  if (!source.success) Object.assign(errors, statementFieldErrors(source.error.issues, ['source']));
  if (article.topic.trim() !== '' && !(await findTopic(prisma, article.topic)))
    errors.topic = `No topic with the slug "${article.topic}": choose one from the list`;
  return errors;
}

/** Every kept row in newStatementInput's shape, or the messages of the rows that fail. */
async function keptStatements(prisma: PrismaClient, rows: ReviewRow[]): Promise<{ kept: KeptStatement[]; errors: FieldErrors }> {
  const kept: KeptStatement[] = [];
  const errors: FieldErrors = {};
  for (const [index, row] of rows.entries()) {
    if (!row.keep) continue;
    // A speaker chosen among the matches is a slug already; only a typed name needs resolving.
    const chosen = row.speaker_choice !== '' && row.speaker_choice !== NEW_SPEAKER;
    const found = chosen ? ({ match: 'none' } as const) : await resolveSpeakerReference(prisma, row.speaker);
    const { input, errors: formErrors } = reviewRowInput(row, found);
    const parsed = newStatementInput.safeParse(input);
    const fields = parsed.success ? formErrors : { ...statementFieldErrors(parsed.error.issues), ...formErrors };
    Object.assign(errors, rowErrors(index, fields));
    if (parsed.success && Object.keys(fields).length === 0) kept.push({ index, input: parsed.data });
  }
  return { kept, errors };
}

/** What a row that failed while saving shows: the message beside its field, and the speakers it may mean. */
function rowFailure(error: ReviewRowError, rows: ReviewRow[]): { errors: FieldErrors; options?: SpeakerOption[] } {
  const { index, cause } = error;
  const name = rows[index]?.speaker.trim() ?? '';
  if (cause instanceof SimilarSpeakerError)
    return {
      errors: {
        [`rows.${index}.speaker`]: `A speaker with a very similar name is already on record (listed below). Choose them, or choose “A new speaker” to add “${name}”.`,
      },
      options: cause.matches,
    };
  if (cause instanceof DuplicateStatementError)
    return {
      errors: {
        [`rows.${index}.text`]: `This speaker already has nearly the same words on record (${cause.matches.map((m) => `statement #${m.id}`).join(', ')}). Tick “Record it anyway” to save this one as well.`,
      },
    };
  if (cause instanceof ValidationError) return { errors: rowErrors(index, cause.fields) };
  throw cause;
}

export function fromArticleRoutes(prisma: PrismaClient): Router {
  const router = Router();

  async function renderForm(res: Response, values: ArticleValues, errors: FieldErrors = {}) {
    const view = articleFormView(values, await topicChoices(prisma), errors);
    res
      .status(Object.keys(errors).length > 0 ? 422 : 200)
      .render('from-article/new', { title: 'Statements from an article', ...view });
  }

  async function renderReview(
    res: Response,
    article: ArticleValues,
    rows: ReviewRow[],
    options: { errors?: FieldErrors; speakers?: Map<number, SpeakerOption[]>; found?: number } = {},
  ) {
    const { errors = {} } = options;
    const [topics, candidates, topic] = await Promise.all([
      topicChoices(prisma),
      speakerOptions(prisma, rows),
      article.topic ? findTopic(prisma, article.topic) : null,
    ]);
    options.speakers?.forEach((speakers, i) => (candidates[i] = speakers));
    const cut = options.found !== undefined && options.found > rows.length ? { found: options.found } : undefined;
    const view = reviewView({ article, rows, candidates, topics, topicName: topic?.name, cut, errors });
    res
      .status(Object.keys(errors).length > 0 ? 422 : 200)
      .render('from-article/review', { title: 'Review the statements', ...view });
  }

  // `?topic=<slug>` preselects the topic.
  router.get('/statements/from-article', requireEditor, async (req, res) => {
    await renderForm(res, { ...BLANK, topic: typeof req.query.topic === 'string' ? req.query.topic : '' });
  });

  // Writes nothing: proposes the article's statements for review, each kept by default.
  router.post('/statements/from-article/review', requireEditor, async (req, res) => {
    const article = readArticleForm(req.body);
    const errors = await articleErrors(prisma, article);
    if (Object.keys(errors).length > 0) return renderForm(res, article, errors);
    const topic = article.topic ? await findTopic(prisma, article.topic) : null;
    const proposals = extractStatements(article.text, topic ? { topic: topic.name } : {});
    const shown = proposals.slice(0, REVIEW_MAX_ROWS);
    const candidates = await speakerOptions(
      prisma,
      shown.map((p) => ({ speaker: p.speaker.name, speaker_choice: '' })),
    );
    const rows = shown.map((p, i) =>
      proposalRow(
        p,
        topic?.slug ?? '',
        (candidates[i] ?? []).map((c) => c.slug),
      ),
    );
    await renderReview(res, { ...article, topic: topic?.slug ?? '' }, rows, { found: proposals.length });
  });

  // Post/redirect/get: 303 to the list of what was saved; any failure saves nothing and shows the review again, as sent.
  router.post('/statements/from-article', requireEditor, async (req, res) => {
    const { article, rows } = readReviewForm(req.body, REVIEW_MAX_ROWS);
    const errors = await articleErrors(prisma, article);
    const { kept, errors: rowMessages } = await keptStatements(prisma, rows);
    Object.assign(errors, rowMessages);
    if (!rows.some((r) => r.keep))
      errors.rows = 'Every statement is dropped, so there is nothing to save: tick “Keep it” on at least one.';
    if (Object.keys(errors).length > 0) return renderReview(res, article, rows, { errors });
    try {
      const source = sourceInput.parse(article.source);
      const created = await saveArticleStatements(prisma, source, kept, actor(res).id);
      res.redirect(303, `/statements/from-article/saved?ids=${created.map((c) => c.id).join(',')}`);
    } catch (error) {
      if (!(error instanceof ReviewRowError)) throw error;
      const failure = rowFailure(error, rows);
      const speakers = failure.options ? new Map([[error.index, failure.options]]) : undefined;
      await renderReview(res, article, rows, { errors: failure.errors, speakers });
    }
  });

  router.get('/statements/from-article/saved', requireEditor, async (req, res) => {
    const ids = (typeof req.query.ids === 'string' ? req.query.ids : '')
      .split(',')
      .filter((id) => /^[1-9]\d{0,9}$/.test(id))
      .map(Number)
      .filter((id) => id <= MAX_ID)
      .slice(0, REVIEW_MAX_ROWS);
    const statements = savedView(await savedStatements(prisma, ids));
    res.render('from-article/saved', { title: 'Statements saved', statements, count: statements.length });
  });

  return router;
}
