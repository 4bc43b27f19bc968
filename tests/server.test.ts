import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const run = promisify(execFile);
const TSX = path.resolve('node_modules', '.bin', 'tsx');

/** The environment the scripts get: this file's database, or a fresh embedded one in its own folder. */
function scriptEnv(db: TestDatabase | undefined, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' };
  if (db) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
  return env;
}

describe('the server and the database scripts', () => {
  let db: TestDatabase | undefined;
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'on-record-server-'));
    // On a server, a database of this file's own; without one, the embedded database in dataDir.
    db = process.env.DATABASE_URL ? await createTestDatabase({ migrate: false }) : undefined;
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('when the server starts on an empty database, then it says which database it uses, loads the demo data and serves pages', async () => {
    // Node itself with tsx's loader, not the tsx command: that one is a second process that relays
    // signals to the app, and under load it could die of the SIGTERM before the app had answered it.
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...scriptEnv(db, dataDir), PORT: '0' } });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /open (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server!.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });

    expect(output).toMatch(db ? /Database: PostgreSQL at postgresql:\/\// : /Database: embedded PostgreSQL \(PGlite\)/);
    expect(output).toContain('Loaded the demo data');
    const res = await fetch(`${url}topics/separate-druze-region-in-southern-syria`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Hikmat Al Hijri');

    const exited = new Promise<number | null>((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = undefined;
  });

  test('when db:seed runs on a loaded database, then it adds nothing', async () => {
    const { stdout } = await run(TSX, ['src/db/cli.ts', 'seed'], { env: scriptEnv(db, dataDir) });

    expect(stdout).toContain('already loaded; nothing added');
  });

  test('when db:reset runs, then the schema is recreated with the demo data', async () => {
    const { stdout } = await run(TSX, ['src/db/cli.ts', 'reset'], { env: scriptEnv(db, dataDir) });

    expect(stdout).toMatch(/Database reset: schema recreated, \d+ demo statements loaded/);
  });

  test('when a script is unknown, then it says how to call it', async () => {
    await expect(run(TSX, ['src/db/cli.ts', 'explode'], { env: scriptEnv(db, dataDir) })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage'),
    });
  });
});
