import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { migrate } from '../db/migrations';
import { PROJECT_ROOT } from '../paths';
import { startApp } from './app-process';
import { buildCorpus, copyCorpus, corpusDatabaseUrl, DEFAULT_SERVER_URL, describeCorpus } from './corpus';
import { loadRoute, replaySql, type CapturedQuery, type Figures } from './load';
import { BASELINE, chooseTargets, type Target } from './targets';
import { benchApiToken } from './bench-editor';
import { markdownReport, type SizeResult } from './report';

// npm run bench [-- --sizes 10000,100000,1000000 --duration 10 --connections 16 --routes post,search --write]
// For each size: build (or reuse) the corpus, start the built app on a throwaway copy of it,
// record the SQL each hot path runs, then drive each path with autocannon and
// replay its SQL straight through pg, beside the no-database baseline route.

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    seed: { type: 'string', default: '42' },
    // The app's page cache (src/http/page-cache.ts); 0 measures every page computed.
    'page-cache-mb': { type: 'string', default: '64' },
    rebuild: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    // CI's smoke run: fail when a route errs or cannot be measured, rather than report it.
    strict: { type: 'boolean', default: false },
    // Only the routes whose name contains one of these comma-separated words (ignoring case), beside the baseline.
    routes: { type: 'string' },
  },
});

const sizes = values.sizes.split(',').map(Number);
const load = { connections: Number(values.connections), durationSeconds: Number(values.duration) };
const serverUrl = process.env.BENCH_SERVER_URL ?? DEFAULT_SERVER_URL;
const seed = Number(values.seed);
const resultsDir = path.join(PROJECT_ROOT, 'bench-results');
const problems: string[] = [];

/** Builds the corpus of this size, or migrates the one already there; its database's name. */
async function ensureCorpus(statements: number): Promise<string> {
  const database = `bench_${statements}`;
  const existing = await describeCorpus(serverUrl, database);
  if (!values.rebuild && existing?.statements === statements && existing.seed === seed) {
    await migrate(corpusDatabaseUrl(serverUrl, database)); // a corpus built before a new migration gets it (and its backfill)
    console.log(`Reusing ${database} (${existing.description}).`);
  } else {
    console.log(`Building ${database}…`);
    await buildCorpus({ serverUrl, database, statements, seed, log: (l) => console.log('  ' + l) });
  }
  return database;
}

/** The SQL one request runs: everything the app logged while it was the only request in flight. */
async function captureSql(baseUrl: string, logFile: string, target: Target): Promise<CapturedQuery[]> {
  const before = statSync(logFile, { throwIfNoEntry: false })?.size ?? 0;
  const res = await fetch(baseUrl + target.path, { headers: { accept: 'text/html' } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target.path} answered ${res.status}`);
  const logged = readFileSync(logFile).subarray(before).toString('utf8');
  return logged
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { query: string; params: string })
    .map((q) => ({ query: q.query, params: JSON.parse(q.params || '[]') as unknown[] }));
}

async function measureSize(statements: number): Promise<SizeResult> {
  const copy = await copyCorpus(serverUrl, await ensureCorpus(statements));
  try {
    return await measureOn(copy.url, statements);
  } finally {
    await copy.drop();
  }
}

/** Measures every chosen route on the database at `databaseUrl` (a copy of the corpus: the POST route writes). */
async function measureOn(databaseUrl: string, statements: number): Promise<SizeResult> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const targets = (await chooseTargets(db, await benchApiToken(databaseUrl)).finally(() => db.end())).filter(chosen);

  // First run: one request per route with the query log on, to learn each route's SQL.
  mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `queries-${statements}.jsonl`);
  writeFileSync(logFile, '');
  const sql = new Map<string, CapturedQuery[]>();
  // Without the page cache, or the second request would be answered from memory.
  const logging = await startApp(databaseUrl, { QUERY_LOG_FILE: logFile, PAGE_CACHE_MB: '0' });
  try {
    for (const target of targets.filter((t) => t.replaySql !== false)) {
      try {
        await captureSql(logging.baseUrl, logFile, target); // warm: prepared plans, caches
        sql.set(target.name, await captureSql(logging.baseUrl, logFile, target));
      } catch (error) {
        // Reported, not fatal: the other routes are still worth measuring.
        console.log(`  skipping ${target.name}: ${error instanceof Error ? error.message : String(error)}`);
        problems.push(`${target.name} skipped`);
        targets.splice(targets.indexOf(target), 1);
      }
    }
  } finally {
    await logging.stop();
  }

  // Second run: the load test, without the log.
  const app = await startApp(databaseUrl, { PAGE_CACHE_MB: values['page-cache-mb'] });
  const rows: SizeResult['rows'] = [];
  try {
    for (const target of [BASELINE, ...targets]) {
      await loadRoute(app.baseUrl, target, { ...load, durationSeconds: Math.min(2, load.durationSeconds) }); // warm-up
      const http = await loadRoute(app.baseUrl, target, load);
      const queries = sql.get(target.name);
      const direct: Figures | undefined = queries ? await replaySql(databaseUrl, queries, load) : undefined;
      rows.push({ name: target.name, path: target.path, queries: queries?.length, http, sql: direct });
      if (http.errors > 0 || (direct?.errors ?? 0) > 0) problems.push(`${target.name}: errors at ${statements} statements`);
      console.log(
        `  ${target.name}: ${http.rps.toFixed(0)} req/s, p50 ${http.p50} ms, p99 ${http.p99} ms, ${http.errors} errors` +
          (direct ? ` | SQL alone (${queries!.length} queries): ${direct.rps.toFixed(0)}/s, p99 ${direct.p99} ms` : ''),
      );
    }
  } finally {
    await app.stop();
  }
  return { statements, rows };
}

/** Whether `--routes` keeps a target (every target without it). */
function chosen(target: Target): boolean {
  const words =
    values.routes
      ?.split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean) ?? [];
  return words.length === 0 || words.some((w) => target.name.toLowerCase().includes(w));
}

function machine() {
  const pg = execFileSync('psql', ['--version']).toString().trim();
  return {
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: pg,
    os: `${os.type()} ${os.release()}`,
  };
}

async function main() {
  const started = Date.now();
  console.log('Building the app (npm run build)…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const results: SizeResult[] = [];
  for (const statements of sizes) {
    console.log(`\n== ${statements.toLocaleString('en')} statements ==`);
    results.push(await measureSize(statements));
  }
  const pageCacheMb = Number(values['page-cache-mb']);
  const run = { date: new Date().toISOString(), machine: machine(), load, seed, pageCacheMb, seconds: 0, results };
  run.seconds = Math.round((Date.now() - started) / 1000);
  const markdown = markdownReport(run);
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(run, null, 2));
  writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
  if (values.write) writeFileSync(path.join(PROJECT_ROOT, 'BENCHMARKS.md'), markdown);
  console.log('\n' + markdown);
  console.log(`Results in bench-results/latest.{md,json}${values.write ? ' and BENCHMARKS.md' : ''} (${run.seconds} s).`);
  if (values.strict && problems.length > 0) {
    console.error(`Strict run failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
