/** Field path (e.g. `positions.0.topic`) → message shown next to that field. */
export type FieldErrors = Record<string, string>;

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = 'Not found') {
    super(message);
  }
}

/** Input that parsed but cannot be accepted; the form or API names each failing field. */
export class ValidationError extends Error {
  readonly status = 422;
  constructor(
    readonly fields: FieldErrors,
    message = 'Some fields need attention',
  ) {
    super(message);
  }
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A request that cannot be read at all (as opposed to a field that fails validation). */
export class BadRequestError extends Error {
  readonly status = 400;
  constructor(
    message: string,
    readonly code = 'bad_request',
  ) {
    super(message);
  }
}

/** No signed-in user and no valid API token (pages redirect to the sign-in form instead). */
export class UnauthorizedError extends Error {
  readonly status = 401;
  constructor(
    message = 'Sign in, or send an API token: Authorization: Bearer <token>',
    /** `unauthenticated` when no credential came; `invalid_token` for one that is unknown, revoked or disabled. */
    readonly code = 'unauthenticated',
  ) {
    super(message);
  }
}

/** Signed in, but without the role (or the CSRF token) the action needs. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(
    message = 'You are not allowed to do this.',
    readonly code = 'forbidden',
  ) {
    super(message);
  }
}
