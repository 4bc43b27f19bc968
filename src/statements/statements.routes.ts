import { Router, type Response } from 'express';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { NotFoundError, ValidationError, type FieldErrors } from '../http/errors';
import { readPage } from '../http/pagination';
import { statementPage, statementTitle } from './statement-page';
import { blankStatementForm, readStatementForm, statementFormInput, type StatementFormValues } from './statements.form';
import { lookupSpeakers, SimilarSpeakerError } from '../speakers/speakers.lookup';
import { DuplicateStatementError } from './statements.duplicates';
import { statementFormView, type FormWarnings } from './statements.form-view';
import { findStatementDetail, parseStatementId } from './statements.queries';
import { resolveSpeakerReference, speakerFieldText, statementFormChoices } from './statements.choices';
import { newStatementInput, statementFieldErrors } from './statements.schema';
import { createStatement } from './statements.service';
import { statementListPage } from './statements.list';

export function statementsRoutes(prisma: PrismaClient): Router {
  const router = Router();

  async function renderForm(res: Response, values: StatementFormValues, errors: FieldErrors = {}, warnings: FormWarnings = {}) {
    const view = statementFormView(values, await statementFormChoices(prisma), errors, warnings);
    res.status(Object.keys(errors).length > 0 ? 422 : 200).render('statements/new', { title: 'Add a statement', ...view });
  }

  router.get('/statements', async (req, res) => {
    const { status, ...page } = await statementListPage(prisma, req.query, readPage(req.query));
    res.status(status).render('statements/index', { title: 'Statements', ...page });
  });

  // `?speaker=<slug>` fills the Speaker field with that speaker's name.
  router.get('/statements/new', requireEditor, async (req, res) => {
    const slug = typeof req.query.speaker === 'string' ? req.query.speaker : '';
    const speaker = slug ? await speakerFieldText(prisma, slug) : '';
    await renderForm(res, blankStatementForm({ speaker, topic: req.query.topic }));
  });

  // Post/redirect/get: 303 to the permalink; a failed submit is shown again, as typed, with status 422.
  // The Speaker field holds a name, an alias or a slug, resolved here to the API's slug or new speaker.
  // A name that matches no speaker exactly offers the close ones ("Did you mean …?", radio buttons
  // named speaker_choice); a new speaker very close to an existing one, or words the speaker already
  // has on record, are shown with a checkbox to go ahead anyway.
  router.post('/statements/new', requireEditor, async (req, res) => {
    const values = readStatementForm(req.body);
    const found = await resolveSpeakerReference(prisma, values.speaker);
    const { input, errors } = statementFormInput(values, found);
    const parsed = newStatementInput.safeParse(input);
    const fields = parsed.success ? errors : { ...statementFieldErrors(parsed.error.issues), ...errors };
    const warnings: FormWarnings = {};
    if (found.match === 'none' && values.new_speaker.kind.trim() === '' && values.speaker.trim() !== '') {
      warnings.didYouMean = await lookupSpeakers(prisma, values.speaker);
      if (warnings.didYouMean.length > 0)
        fields.speaker = `No speaker called "${values.speaker.trim()}" is on record. Did you mean one of the speakers listed below? Or choose a kind under “New speaker kind” to add them as a new speaker.`;
    }
    if (!parsed.success || Object.keys(fields).length > 0) return renderForm(res, values, fields, warnings);
    try {
      const { id } = await createStatement(prisma, parsed.data, actor(res).id);
      res.redirect(303, `/statements/${id}`);
    } catch (error) {
      if (error instanceof SimilarSpeakerError)
        return renderForm(
          res,
          values,
          {
            speaker: `A speaker with a very similar name is already on record (listed below). Choose them, or tick “This is a different speaker” to add “${values.speaker.trim()}”.`,
          },
          { similarSpeakers: error.matches },
        );
      if (error instanceof DuplicateStatementError)
        return renderForm(
          res,
          values,
          {
            text: `${error.matches.length === 1 ? 'A statement' : 'Statements'} by this speaker with nearly the same words ${error.matches.length === 1 ? 'is' : 'are'} already on record (listed below). Tick “Record it anyway” to save this one as well.`,
          },
          { duplicates: error.matches },
        );
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(res, values, error.fields);
    }
  });

  router.get('/statements/:id', async (req, res) => {
    const id = parseStatementId(req.params.id);
    const row = id === undefined ? null : await findStatementDetail(prisma, id);
    if (!row) throw new NotFoundError(`No statement is recorded with the id ${req.params.id}`);
    res.render('statements/show', { title: statementTitle(row), statement: statementPage(row) });
  });

  return router;
}
