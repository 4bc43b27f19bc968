import { Router, type Response } from 'express';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.service';
import { failedAttemptLimiter } from '../auth/attempt-limits';
import { actor, requireEditor } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { NotFoundError, ValidationError } from '../http/errors';
import { formValues } from '../http/form';
import { fieldErrors } from '../http/validation';
import { changePassword } from '../users/users.service';
import { recordId } from '../users/users.schema';
import { apiTokenInput, passwordChangeInput } from './account.schema';
import { accountView, type AccountPageExtras } from './account.view';

// Fixed messages chosen by a query flag after a redirect: nothing typed is echoed back.
const NOTICES: Record<string, string> = {
  password: 'Your password was changed. Any other session of your account was signed out.',
  revoked: 'The token was revoked: it no longer works for the API.',
};

/** Failed password changes allowed per account in 15 minutes. */
export const PASSWORD_CHANGE_LIMIT = 5;
const LOCKED = 'Too many failed attempts. Wait 15 minutes, then try again.';

/** `/account`: any signed-in user's own name, password and API tokens. */
export function accountRoutes(prisma: PrismaClient): Router {
  const router = Router();

  const render = async (res: Response, status: number, extras: AccountPageExtras = {}) => {
    const user = actor(res);
    res.status(status).render('account/show', accountView(user, await listApiTokens(prisma, user.id), extras));
  };

  router.get('/account', requireEditor, async (req, res) => {
    const done = typeof req.query.done === 'string' ? NOTICES[req.query.done] : undefined;
    await render(res, 200, { notice: done });
  });

  // Someone holding a session (a borrowed laptop, a stolen cookie) must not be able to guess
  // the password behind it: failed changes are limited per account like sign-ins.
  const passwordAttempts = failedAttemptLimiter(prisma, {
    prefix: 'account-password:user:',
    limit: PASSWORD_CHANGE_LIMIT,
    key: (_req, res) => String(actor(res).id),
    refuse: (_req, res) => render(res, 429, { passwordErrors: { current_password: LOCKED } }),
  });

  router.post('/account/password', requireEditor, passwordAttempts, async (req, res) => {
    const parsed = passwordChangeInput.safeParse(req.body ?? {});
    if (!parsed.success) return render(res, 422, { passwordErrors: fieldErrors(parsed.error) });
    try {
      await changePassword(prisma, actor(res).id, {
        currentPassword: parsed.data.current_password,
        newPassword: parsed.data.new_password,
        keepSessionId: req.sessionID,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(res, 422, { passwordErrors: error.fields });
    }
    res.redirect(303, '/account?done=password');
  });

  // The new token is rendered into this answer only (never into a redirect's
  // address, which browsers keep in their history), and the answer is not stored.
  router.post('/account/tokens', requireEditor, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const parsed = apiTokenInput.safeParse(req.body ?? {});
    const tokenName = formValues(req.body, ['name'] as const).name;
    if (!parsed.success) return render(res, 422, { tokenErrors: fieldErrors(parsed.error), tokenName });
    const { token } = await createApiToken(prisma, actor(res).id, parsed.data.name);
    await render(res, 201, { newToken: { name: parsed.data.name, token } });
  });

  router.post('/account/tokens/:id/revoke', requireEditor, async (req, res) => {
    const id = recordId.safeParse(req.params.id);
    if (!id.success) throw new NotFoundError('No such token');
    await revokeApiToken(prisma, actor(res).id, id.data);
    res.redirect(303, '/account?done=revoked');
  });

  return router;
}
