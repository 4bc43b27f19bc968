import path from 'node:path';
import type { Express } from 'express';
import { create } from 'express-handlebars';
import { PROJECT_ROOT } from '../paths';
import { formatHumanPartial, formatIsoPartial } from '../domain/partial-date';
import type { DatePrecision } from '../generated/prisma/enums';

export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');

// Small helpers only: formatting and lookups. Anything more belongs in a view model.
const helpers = {
  eq: (a: unknown, b: unknown) => a === b,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  not: (a: unknown) => !a,
  /** A statement or source date as readers say it ("August 2025"). */
  partialDate: (date: Date | null | undefined, precision: DatePrecision | null | undefined) =>
    date && precision ? formatHumanPartial(date, precision) : 'date not given',
  isoPartial: (date: Date | null | undefined, precision: DatePrecision | null | undefined) =>
    date && precision ? formatIsoPartial(date, precision) : '',
  /** Looks a dotted key up in a flat map (`errors["positions.0.topic"]`). */
  get: (map: Record<string, unknown> | undefined, ...parts: unknown[]) => map?.[parts.slice(0, -1).join('.')],
  json: (value: unknown) => JSON.stringify(value),
  /** Joins its arguments into one string (a record's sub-page address). */
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  year: () => new Date().getUTCFullYear(),
};

export function useViews(app: Express): void {
  const hbs = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    helpers,
    // A standalone {{> partial}} would otherwise indent every line of its output,
    // values included: multi-line quotes and textarea contents would change.
    compilerOptions: { preventIndent: true },
  });
  // With the view cache on (production), express-handlebars still walks every
  // partial file through a chain of promises on each render, a sixth of the
  // time of a page served from the page cache; the set of partials cannot
  // change while the process runs, so it is gathered once.
  const gather = hbs.getPartials.bind(hbs);
  let gathered: ReturnType<typeof gather> | undefined;
  hbs.getPartials = (options) => (options?.cache ? (gathered ??= gather(options)) : gather(options));
  app.engine('hbs', hbs.engine);
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
}
