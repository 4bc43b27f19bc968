import type { Db } from '../db/client';
import { STANCES } from '../domain/vocabulary';
import type { Stance } from '../generated/prisma/enums';

// The topic page's chart: a topic's dated positions per period, stacked by
// stance, drawn as SVG on the server. It reads table topic_stance_months
// (counts per topic, month and stance, kept by a trigger on positions): a few
// hundred rows however many positions the topic holds.

export const CHART_STANCES: Stance[] = ['supports', 'opposes', 'neutral', 'mixed', 'unclear'];

export type MonthCount = { month: Date; stance: Stance; positions: number };

export async function topicStanceMonths(db: Db, topicId: number): Promise<MonthCount[]> {
  return db.topicStanceMonth.findMany({
    where: { topicId, positions: { gt: 0 } },
    select: { month: true, stance: true, positions: true },
    orderBy: [{ month: 'asc' }],
  });
}

export type Granularity = 'month' | 'year' | 'decade';
export type Bucket = { label: string; key: string; counts: Record<Stance, number>; total: number };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Months for spans up to three years, years up to sixty, decades beyond; empty periods in between are kept (as zero). */
export function bucketize(rows: MonthCount[]): { granularity: Granularity; buckets: Bucket[] } {
  if (rows.length === 0) return { granularity: 'month', buckets: [] };
  const index = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  const first = Math.min(...rows.map((r) => index(r.month)));
  const last = Math.max(...rows.map((r) => index(r.month)));
  const years = Math.floor(last / 12) - Math.floor(first / 12) + 1;
  const granularity: Granularity = last - first < 36 ? 'month' : years <= 60 ? 'year' : 'decade';
  const step = granularity === 'month' ? 1 : granularity === 'year' ? 12 : 120;
  const start = Math.floor(first / step) * step;
  const end = Math.floor(last / step) * step;
  const buckets: Bucket[] = [];
  for (let i = start; i <= end; i += step) {
    const year = Math.floor(i / 12);
    const label = granularity === 'month' ? `${MONTHS[i % 12]} ${year}` : granularity === 'year' ? String(year) : `${year}s`;
    const key = granularity === 'month' ? `${year}-${String((i % 12) + 1).padStart(2, '0')}` : String(year);
    const counts = Object.fromEntries(CHART_STANCES.map((s) => [s, 0])) as Record<Stance, number>;
    buckets.push({ label, key, counts, total: 0 });
  }
  for (const row of rows) {
    const bucket = buckets[(Math.floor(index(row.month) / step) * step - start) / step]!;
    bucket.counts[row.stance] += row.positions;
    bucket.total += row.positions;
  }
  return { granularity, buckets };
}

/** A round number at or above n for the top of the y axis (1, 2, 5 × 10^k). */
function niceMax(n: number): number {
  if (n <= 5) return Math.max(n, 1);
  const power = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].map((m) => m * power).find((m) => m >= n) ?? 10 * power) as number;
}

// Drawn 480 units wide so that its 16-unit text stays readable when a phone
// shrinks it to about 360 px; CSS caps its width on a wide screen.
const WIDTH = 480;
const HEIGHT = 230;
const PLOT = { left: 40, right: 464, top: 20, bottom: 180 };

/** Everything views/partials/stance-chart.hbs draws: numbers and labels only, escaped by Handlebars. */
export function stanceChartView(rows: MonthCount[], topicName: string) {
  const { granularity, buckets } = bucketize(rows);
  if (buckets.length === 0) return null;
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  const max = niceMax(Math.max(...buckets.map((b) => b.total)));
  const plotHeight = PLOT.bottom - PLOT.top;
  const slot = (PLOT.right - PLOT.left) / buckets.length;
  const barWidth = Math.max(1, slot * 0.8);
  const y = (value: number) => PLOT.bottom - (value / max) * plotHeight;
  const labelEvery = Math.ceil(buckets.length / 4);
  const round = (n: number) => Math.round(n * 100) / 100;
  const bars = buckets.map((bucket, i) => {
    let base = 0;
    const x = round(PLOT.left + i * slot + (slot - barWidth) / 2);
    const segments = CHART_STANCES.filter((s) => bucket.counts[s] > 0).map((stance) => {
      const top = y(base + bucket.counts[stance]);
      const segment = { stance, count: bucket.counts[stance], y: round(top), height: round(y(base) - top) };
      base += bucket.counts[stance];
      return segment;
    });
    return {
      ...bucket,
      x,
      width: round(barWidth),
      segments,
      showLabel: i % labelEvery === 0,
      labelX: round(PLOT.left + i * slot + slot / 2),
    };
  });
  const ticks = [0, max / 2, max]
    .filter((v) => Number.isInteger(v))
    .map((value) => ({ value, y: round(y(value)), labelY: round(y(value) + 4) }));
  const totals = Object.fromEntries(CHART_STANCES.map((s) => [s, buckets.reduce((sum, b) => sum + b.counts[s], 0)]));
  const per = granularity === 'month' ? 'month' : granularity === 'year' ? 'year' : 'decade';
  const first = buckets[0]!.label;
  const last = buckets[buckets.length - 1]!.label;
  const summary =
    `${total} dated ${total === 1 ? 'position' : 'positions'} on ${topicName} from ${first} to ${last}: ` +
    CHART_STANCES.map((s) => `${totals[s]} ${STANCES[s].toLowerCase()}`).join(', ') +
    '.';
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: { ...PLOT, labelY: PLOT.bottom + 18, axisLabelY: HEIGHT - 6 },
    per,
    perLabel: per === 'month' ? 'Month' : per === 'year' ? 'Year' : 'Decade',
    title: `Stances on ${topicName} per ${per}`,
    summary,
    total,
    bars,
    ticks,
    legend: CHART_STANCES.map((stance) => ({ stance, label: STANCES[stance], count: totals[stance] })),
    table: buckets.map((b) => ({ label: b.label, key: b.key, total: b.total, counts: CHART_STANCES.map((s) => b.counts[s]) })),
  };
}

export type StanceChartView = NonNullable<ReturnType<typeof stanceChartView>>;
