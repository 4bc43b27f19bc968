import { Router, type Response } from 'express';
import { randomPassword } from '../auth/passwords';
import { actor, requireAdmin } from '../auth/guards';
import type { PrismaClient } from '../db/client';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { formValues } from '../http/form';
import { fieldErrors } from '../http/validation';
import { newUserInput, recordId, userChangeInput } from './users.schema';
import { changeUser, createUser, findAccount, listUsers, resetPassword, type UserRow } from './users.service';
import { usersView, type UsersPageExtras } from './users.view';

const NOTICES: Record<string, string> = {
  created: 'The account was created.',
  changed: 'The account was changed.',
};

const roleChange = userChangeInput.pick({ role: true });

/** `/admin/users`: admins list, create, promote, demote, disable and enable accounts, and reset a forgotten password. */
export function usersRoutes(prisma: PrismaClient): Router {
  const router = Router();

  const render = async (res: Response, status: number, extras: UsersPageExtras = {}) => {
    res.status(status).render('users/index', usersView(await listUsers(prisma), actor(res).id, extras));
  };

  router.get('/admin/users', requireAdmin, async (req, res) => {
    const done = typeof req.query.done === 'string' ? NOTICES[req.query.done] : undefined;
    await render(res, 200, { notice: done });
  });

  router.post('/admin/users', requireAdmin, async (req, res) => {
    const values = formValues(req.body, ['email', 'name', 'role', 'password'] as const);
    // An empty password means "make one": it is shown on the next page, once.
    const generated = values.password === '' ? randomPassword() : undefined;
    const parsed = newUserInput.safeParse({ ...values, password: generated ?? values.password });
    const kept = { email: values.email, name: values.name, role: values.role };
    if (!parsed.success) return render(res, 422, { values: kept, errors: fieldErrors(parsed.error) });
    let user;
    try {
      user = await createUser(prisma, parsed.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(res, 422, { values: kept, errors: error.fields });
    }
    if (!generated) return res.redirect(303, '/admin/users?done=created');
    res.set('Cache-Control', 'no-store');
    res.status(201).render('users/created', { title: 'Account created', account: user, password: generated });
  });

  /** Applies one change to an account; the last admin's refusal is shown on the list, with 409. */
  const change = async (res: Response, id: unknown, patch: Parameters<typeof changeUser>[2]) => {
    const parsedId = recordId.safeParse(id);
    if (!parsedId.success) throw new NotFoundError('No such account');
    let changed: UserRow;
    try {
      changed = await changeUser(prisma, parsedId.data, patch);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return render(res, 409, { problem: error.message });
    }
    // An admin who demoted or disabled themselves can no longer see this page.
    const self = changed.id === actor(res).id && (changed.role !== 'admin' || changed.disabled);
    res.redirect(303, self ? '/account' : '/admin/users?done=changed');
  };

  router.post('/admin/users/:id/role', requireAdmin, async (req, res) => {
    const parsed = roleChange.safeParse(req.body ?? {});
    if (!parsed.success) return render(res, 422, { problem: fieldErrors(parsed.error).role });
    await change(res, req.params.id, { role: parsed.data.role });
  });

  // A reset signs the account out everywhere: a page asks first, so that a stray click on the list does nothing.
  router.get('/admin/users/:id/password', requireAdmin, async (req, res) => {
    const parsedId = recordId.safeParse(req.params.id);
    const account = parsedId.success ? await findAccount(prisma, parsedId.data) : null;
    if (!account) throw new NotFoundError('No such account');
    if (account.id === actor(res).id) return res.redirect(303, '/account');
    res.render('users/password-confirm', { title: 'Reset a password', account });
  });

  // The new password is on this answer only: not cached, not in the URL, not stored in clear.
  router.post('/admin/users/:id/password', requireAdmin, async (req, res) => {
    const parsedId = recordId.safeParse(req.params.id);
    if (!parsedId.success) throw new NotFoundError('No such account');
    let reset;
    try {
      reset = await resetPassword(prisma, parsedId.data, actor(res).id);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return render(res, 409, { problem: error.message });
    }
    res.set('Cache-Control', 'no-store');
    res.render('users/password-reset', { title: 'Password reset', account: reset.user, password: reset.password });
  });

  router.post('/admin/users/:id/disable', requireAdmin, (req, res) => change(res, req.params.id, { disabled: true }));
  router.post('/admin/users/:id/enable', requireAdmin, (req, res) => change(res, req.params.id, { disabled: false }));

  return router;
}
