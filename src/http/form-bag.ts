// Reading a form body as typed: qs gives nested objects, arrays or strings
// depending on what was sent, and a form shown again must get back exactly
// the strings it sent, so every value is read leniently here and validated later.

export type Bag = Record<string, unknown>;

export const bag = (v: unknown): Bag => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Bag) : {});
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Rows from `name[0][field]`: qs gives an array, or an object when indices are sparse or large. */
export function formRows(v: unknown, max: number): Bag[] {
  const entries = Array.isArray(v)
    ? v.map((row, i) => [i, row] as const)
    : Object.entries(bag(v)).map(([k, row]) => [Number(k), row] as const);
  return entries
    .filter(([i]) => Number.isInteger(i) && i >= 0)
    .sort(([a], [b]) => a - b)
    .slice(0, max)
    .map(([, row]) => bag(row));
}
