import type { DatePrecision } from '../generated/prisma/enums';

/** A date known to the day, the month or only the year ("in July", "in 2025"). */
export type PartialDate = { date: Date; precision: DatePrecision };

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the precision follows from the form. Undefined when not a real date. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = m ? Number(m) : 1;
  const day = d ? Number(d) : 1;
  if (year < 1000 || month < 1 || month > 12) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { date, precision: d ? 'day' : m ? 'month' : 'year' };
}

/** Back to the form it was given in: `2025`, `2025-08` or `2025-08-04`. */
export function formatIsoPartial(date: Date, precision: DatePrecision): string {
  const iso = date.toISOString().slice(0, 10);
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso;
}

/** For readers: "4 August 2025", "August 2025" or "2025". */
export function formatHumanPartial(date: Date, precision: DatePrecision): string {
  const month = MONTHS[date.getUTCMonth()];
  if (precision === 'year') return String(date.getUTCFullYear());
  if (precision === 'month') return `${month} ${date.getUTCFullYear()}`;
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
