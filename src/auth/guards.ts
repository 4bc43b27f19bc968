import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../http/errors';

export type Role = 'admin' | 'editor';

/**
 * The signed-in user (or the owner of the API token), as the authentication
 * middleware leaves it in `res.locals.user`; views read it there too. Absent
 * for anonymous readers.
 */
export type CurrentUser = { id: number; email: string; name: string; role: Role };

export function currentUser(res: Response): CurrentUser | undefined {
  return res.locals.user as CurrentUser | undefined;
}

/** An admin may do everything an editor may. */
function allows(user: CurrentUser, role: Role): boolean {
  return role === 'editor' || user.role === 'admin';
}

/**
 * Lets the request through only for a signed-in user with the role. Without
 * one, the API answers 401 and a page redirects to the sign-in form (coming
 * back afterwards); with too small a role, 403. Either way nothing is written.
 */
export function requireRole(role: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = currentUser(res);
    if (!user) {
      if (req.originalUrl.startsWith('/api/')) return next(new UnauthorizedError());
      const back = req.method === 'GET' ? req.originalUrl : '/';
      // A page's own address brings the reader back after signing in; a huge one is cut to its path.
      return res.redirect(303, `/sign-in?next=${encodeURIComponent(back.length > 2000 ? req.path : back)}`);
    }
    if (!allows(user, role)) return next(new ForbiddenError(`This needs the ${role} role.`));
    next();
  };
}

export const requireEditor = requireRole('editor');
export const requireAdmin = requireRole('admin');

/** The signed-in user of a route behind requireRole. */
export function actor(res: Response): CurrentUser {
  const user = currentUser(res);
  if (!user) throw new UnauthorizedError();
  return user;
}
