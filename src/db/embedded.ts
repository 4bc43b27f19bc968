import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock';

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

/**
 * Starts PostgreSQL compiled to WebAssembly (PGlite) in this process and serves
 * it on a loopback port, so the app reaches it through the same `pg` driver as
 * a real server. `dataDir` of `memory://` keeps nothing on disk (tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  maxConnections: number;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(options.dataDir, { recursive: true });
  const unlock = inMemory ? async () => undefined : await lockDataDir(options.dataDir);
  // Extensions the migrations create must be handed to PGlite when it starts.
  const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } }).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      await unlock();
    },
  };
}
