import autocannon from 'autocannon';
import { Pool } from 'pg';
import type { Target } from './targets';

export type Figures = { rps: number; p50: number; p99: number; errors: number; requests: number };

export type LoadOptions = { connections: number; durationSeconds: number };

/** Drives one route of the running app with autocannon and reads its throughput and latency. */
export async function loadRoute(baseUrl: string, target: Target, o: LoadOptions): Promise<Figures> {
  let n = 0;
  const body = target.body;
  const result = await autocannon({
    url: baseUrl + target.path,
    connections: o.connections,
    duration: o.durationSeconds,
    method: target.method ?? 'GET',
    headers: {
      ...(body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'text/html' }),
      ...target.headers,
    },
    requests: body ? [{ setupRequest: (req) => ({ ...req, body: body(n++) }) }] : undefined,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

export type CapturedQuery = { query: string; params: unknown[] };

/**
 * Runs the SQL a page ran, statement by statement on one connection per
 * worker, with as many workers as the load test had connections: what the
 * database alone can do for that page, without Node, Prisma or HTML.
 */
export async function replaySql(databaseUrl: string, queries: CapturedQuery[], o: LoadOptions): Promise<Figures> {
  const pool = new Pool({ connectionString: databaseUrl, max: o.connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + o.durationSeconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: o.connections }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < deadline) {
            const started = process.hrtime.bigint();
            try {
              for (const q of queries) await client.query(q.query, q.params);
            } catch {
              errors++;
            }
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    rps: latencies.length / o.durationSeconds,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    errors,
    requests: latencies.length,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
