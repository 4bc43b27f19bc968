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
