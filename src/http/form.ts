import type { FieldErrors } from './errors';

/** The form as typed: each named field back as the string it was, whatever the body held. */
export function formValues<F extends string>(body: unknown, fields: readonly F[]): Record<F, string> {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const value = (v: unknown) =>
    typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('\n') : '';
  return Object.fromEntries(fields.map((f) => [f, value(input[f])])) as Record<F, string>;
}

/** `aliases.2` → `aliases`: a flat form shows one message per field, the first. */
export function topLevelErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) out[key.split('.')[0]!] ??= message;
  return out;
}

/** What a form template needs to show errors: a message per field and a summary list linking to them. */
export function formErrors(errors: FieldErrors = {}) {
  const byField = topLevelErrors(errors);
  return { errors: byField, errorList: Object.entries(byField).map(([field, message]) => ({ field, message })) };
}
