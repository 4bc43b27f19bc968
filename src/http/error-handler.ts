import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isUniqueViolation } from '../db/retry';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from './errors';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`Nothing is recorded at ${req.path}`));
};

type HttpError = { status: number; code: string; message: string; fields?: Record<string, string>; details?: unknown };

/** Maps every error to a status and a safe message; only 4xx errors say what went wrong. */
function describe(error: unknown): HttpError {
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof ValidationError)
    return { status: 422, code: 'validation_failed', message: error.message, fields: error.fields };
  if (error instanceof UnauthorizedError) return { status: 401, code: error.code, message: error.message };
  if (error instanceof ForbiddenError) return { status: 403, code: error.code, message: error.message };
  if (error instanceof BadRequestError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof ConflictError) return { status: 409, code: 'conflict', message: error.message, details: error.details };
  if (isUniqueViolation(error))
    return {
      status: 409,
      code: 'conflict',
      message: 'Someone else saved the same record at the same moment. Nothing of yours was saved; please send it again.',
    };
  const e = error as { type?: string; status?: number; limit?: number; code?: string; message?: string };
  if (e.code === 'csrf_token_invalid') return { status: 403, code: e.code, message: e.message ?? 'Invalid CSRF token' };
  if (e.type === 'entity.too.large')
    return {
      status: 413,
      code: 'payload_too_large',
      message: `The request body is larger than the ${Math.round((e.limit ?? 0) / 1024)} KB allowed`,
    };
  if (e.type === 'entity.parse.failed')
    return { status: 400, code: 'malformed_body', message: 'The request body is not valid JSON' };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return { status: e.status, code: 'bad_request', message: 'The request could not be understood' };
  return { status: 500, code: 'internal_error', message: 'Something went wrong on our side. Nothing was saved.' };
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const described = describe(error);
  if (described.status >= 500) console.error(error);
  if (res.headersSent) return;
  res.status(described.status);
  if (wantsJson(req)) {
    const { status: _status, ...body } = described;
    res.json({ error: body });
    return;
  }
  res.render(described.status === 404 ? 'errors/not-found' : 'errors/error', {
    title: described.status === 404 ? 'Not found' : 'Error',
    status: described.status,
    message: described.message,
  });
};
