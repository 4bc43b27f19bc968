import type { Figures } from './load';

export type SizeResult = {
  statements: number;
  rows: { name: string; path: string; queries?: number; http: Figures; sql?: Figures }[];
};

export type BenchRun = {
  date: string;
  machine: Record<string, string>;
  load: { connections: number; durationSeconds: number };
  seed: number;
  pageCacheMb: number;
  seconds: number;
  results: SizeResult[];
};

// The targets issue 6 sets: a hot page's p99 at 16 connections, growth from
// the smallest to the largest size, and the comparison page against the baseline.
const P99_LIMIT_MS = 100;
const GROWTH_LIMIT = 1.5;
const COMPARISON_SHARE = 1 / 5;

const n0 = (x: number) => Math.round(x).toLocaleString('en');
const ms = (x: number) => (x < 10 ? x.toFixed(1) : n0(x));
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

export function markdownReport(run: BenchRun): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    `Run ${run.date.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (${run.seconds} s in all): ` +
      `autocannon, ${run.load.connections} connections, ${run.load.durationSeconds} s per route after a warm-up, ` +
      `against the built app (\`NODE_ENV=production\`) in its own process; corpus seed ${run.seed}; ` +
      (run.pageCacheMb > 0
        ? `page cache on (${run.pageCacheMb} MB: a repeated request at an unchanged database snapshot is served from memory).`
        : 'page cache off (every request computed).'),
    '',
  );
  out.push(
    `Machine: ${Object.entries(run.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
  );
  out.push(
    "*vs baseline* is the route's requests/s over those of `/about`, which renders the same layout with no database work. " +
      "*SQL alone* replays the exact statements the route ran (recorded from the app's query log) straight through `pg`, " +
      "with as many connections; *HTTP/SQL p50* says how much the framework, Prisma and rendering add to the database's own time. " +
      'Writes are not replayed.',
    '',
  );
  for (const size of run.results) {
    const baseline = size.rows[0]!.http.rps;
    out.push(`## ${n0(size.statements)} statements`, '');
    out.push(
      '| route | req/s | p50 ms | p99 ms | errors | vs baseline | queries | SQL alone req/s | SQL p50 ms | SQL p99 ms | HTTP/SQL p50 |',
    );
    out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const r of size.rows) {
      const s = r.sql;
      out.push(
        `| ${r.name} | ${n0(r.http.rps)} | ${ms(r.http.p50)} | ${ms(r.http.p99)} | ${r.http.errors} | ${ratio(r.http.rps / baseline)} | ` +
          (s
            ? `${r.queries} | ${n0(s.rps)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ratio(r.http.p50 / Math.max(s.p50, 0.01))} |`
            : '– | – | – | – | – |'),
      );
    }
    out.push('');
  }
  if (run.results.length > 1) {
    const first = run.results[0]!;
    const last = run.results[run.results.length - 1]!;
    out.push(`## Growth from ${n0(first.statements)} to ${n0(last.statements)} statements`, '');
    out.push(`| route | ${run.results.map((r) => `p99 ms at ${n0(r.statements)}`).join(' | ')} | p99 growth | req/s growth |`);
    out.push(`|---|${run.results.map(() => '--:').join('|')}|--:|--:|`);
    for (const row of first.rows) {
      const at = run.results.map((r) => r.rows.find((x) => x.name === row.name));
      const end = at[at.length - 1];
      out.push(
        `| ${row.name} | ${at.map((x) => (x ? ms(x.http.p99) : '–')).join(' | ')} | ` +
          `${end ? ratio(end.http.p99 / Math.max(row.http.p99, 0.01)) : '–'} | ${end ? ratio(row.http.rps / Math.max(end.http.rps, 0.01)) : '–'} |`,
      );
    }
    out.push(
      '',
      '*growth* is the figure at the largest size over the one at the smallest (for req/s: smallest over largest), so 1.00× means no growth.',
      '',
    );
  }
  out.push(...verdicts(run));
  return out.join('\n') + '\n';
}

function verdicts(run: BenchRun): string[] {
  const last = run.results[run.results.length - 1]!;
  const first = run.results[0]!;
  const pages = last.rows.slice(1);
  const slow = pages.filter((r) => r.http.p99 > P99_LIMIT_MS);
  const grew = pages.filter((r) => {
    const small = first.rows.find((x) => x.name === r.name);
    return small && r.http.p99 / Math.max(small.http.p99, 1) > GROWTH_LIMIT;
  });
  const comparison = last.rows.find((r) => r.name.startsWith('topic comparison'));
  const share = comparison ? comparison.http.rps / last.rows[0]!.http.rps : NaN;
  const line = (ok: boolean, text: string) => `- ${ok ? 'met' : '**not met**'}: ${text}`;
  return [
    `## Targets at ${n0(last.statements)} statements`,
    '',
    line(
      slow.length === 0,
      `every hot route's p99 ≤ ${P99_LIMIT_MS} ms` + (slow.length ? ` (over: ${slow.map((r) => r.name).join('; ')})` : ''),
    ),
    line(
      run.results.length > 1 && grew.length === 0,
      `no p99 grows more than ${GROWTH_LIMIT}× from the smallest size (floor 1 ms)` +
        (grew.length ? ` (grew: ${grew.map((r) => r.name).join('; ')})` : ''),
    ),
    line(share >= COMPARISON_SHARE, `topic comparison serves ≥ 1/5 of the baseline's requests/s (${ratio(share)})`),
    '',
  ];
}
