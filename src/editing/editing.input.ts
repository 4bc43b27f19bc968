import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '../http/errors';
import { MAX_ID } from '../statements/statements.schema';

const wholeId = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{1,10}\s*$/.test(v) ? Number(v) : v),
  z.number().int().min(1).max(MAX_ID),
);

/**
 * The version the editor started from: the form's hidden `version`, the API's
 * body field `version`, or an `If-Match: "3"` header. Required for a save, so
 * that no client can overwrite without saying what it saw.
 */
export function readVersion(req: Request, required = true): number | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const header = req.get('if-match')?.replace(/^W\//, '').replace(/"/g, '');
  const raw = body.version ?? header;
  if (raw === undefined || raw === '') {
    if (!required) return undefined;
    throw new ValidationError({ version: 'Send the version you edited (the field version, or an If-Match header)' });
  }
  const parsed = wholeId.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ version: 'The version is a whole number from 1 up' });
  return parsed.data;
}

/** A revision id from a form or JSON body (`revision_id`) or a path parameter. */
export function readRevisionId(raw: unknown): number {
  const parsed = wholeId.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ revision_id: 'Give the number of a revision' });
  return parsed.data;
}
