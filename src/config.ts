import path from 'node:path';
import { z } from 'zod';

// Read once from the environment; defaults make `npm start` work on a fresh machine.
const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(path.resolve('data', 'pglite')),
  DEMO_DATA: z.enum(['true', 'false']).default('true'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NODE_ENV: z.string().default('development'),
  QUERY_LOG_FILE: z.string().min(1).optional(),
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z.string().optional(),
});

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  poolSize: number;
  production: boolean;
  /** Set by the benchmark only: see createPrismaClient. */
  queryLogFile: string | undefined;
  /** Megabytes of whole GET responses each process keeps, keyed by database snapshot; 0 turns it off. */
  pageCacheMb: number;
  /** Signs session cookies; required in production (every process must share it), random per process otherwise. */
  sessionSecret: string | undefined;
  /** Express's `trust proxy`: false, true, a hop count, or addresses/subnets ("loopback", "10.0.0.0/8"). */
  trustProxy: boolean | number | string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PUBLIC_URL=` in a copied .env) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET)
    throw new Error(
      'Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production (32 or more random characters, the same for every process)',
    );
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir: e.DATA_DIR,
    demoData: e.DEMO_DATA === 'true',
    poolSize: e.DB_POOL_SIZE,
    production,
    queryLogFile: e.QUERY_LOG_FILE,
    pageCacheMb: e.PAGE_CACHE_MB,
    sessionSecret: e.SESSION_SECRET,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  };
}

/** The address people open: PUBLIC_URL, or this machine's host and port (a wildcard address becomes localhost). */
export function siteUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, port = config.port): string {
  if (config.publicUrl) return config.publicUrl.endsWith('/') ? config.publicUrl : `${config.publicUrl}/`;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
