import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyPassword } from '../src/auth/passwords';
import { createDemoAdminIfNeeded, DEMO_ADMIN_EMAIL } from '../src/users/demo-admin';
import { main, type CliIo } from '../src/users/user-cli';
import { newUserInput } from '../src/users/users.schema';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** The CLI's input and output, kept for the test to read. */
function cliIo(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('npm run user:create and the demo admin', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, PORT: '4000' };
  });
  afterAll(() => db.close());

  test('when the demo admin is asked for on a database that is not the embedded one, then nothing is created', async () => {
    expect(await createDemoAdminIfNeeded({ prisma: db.prisma, embedded: false })).toBeNull();
    expect(await db.prisma.user.count()).toBe(0);
  });

  test('when the embedded database has no account, then one admin is made with a random password, and only once', async () => {
    expect(newUserInput.shape.email.safeParse(DEMO_ADMIN_EMAIL).success).toBe(true);

    const first = await createDemoAdminIfNeeded({ prisma: db.prisma, embedded: true });
    const second = await createDemoAdminIfNeeded({ prisma: db.prisma, embedded: true });

    expect(first).toEqual({ email: DEMO_ADMIN_EMAIL, password: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
    expect(second).toBeNull();
    const admins = await db.prisma.user.findMany();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ email: DEMO_ADMIN_EMAIL, role: 'admin', disabledAt: null });
    expect(await verifyPassword(first!.password, admins[0]!.passwordHash)).toBe(true);
  });

  test('when the CLI is given an email and a role, then it creates the account and prints its random password once', async () => {
    const { io, out } = cliIo();

    const code = await main(['--email', 'Ann@Example.org', '--role', 'admin', '--name', 'Ann'], env, io);

    expect(code).toBe(0);
    const password = out().match(/Password \(shown once, only its hash is stored\): (\S+)/)?.[1];
    expect(out()).toContain('Created the admin account ann@example.org (Ann).');
    expect(out()).toContain('Sign in at http://127.0.0.1:4000/sign-in');
    const row = await db.prisma.user.findUniqueOrThrow({ where: { email: 'ann@example.org' } });
    expect(row).toMatchObject({ name: 'Ann', role: 'admin' });
    expect(await verifyPassword(password!, row.passwordHash)).toBe(true);
  });

  test('when the password comes on standard input, then it is used and not printed', async () => {
    const { io, out } = cliIo('a piped passphrase\n');

    const code = await main(['--email', 'bo@example.org', '--role', 'editor', '--password-stdin'], env, io);

    expect(code).toBe(0);
    expect(out()).not.toContain('a piped passphrase');
    const row = await db.prisma.user.findUniqueOrThrow({ where: { email: 'bo@example.org' } });
    expect(row).toMatchObject({ name: 'bo', role: 'editor' });
    expect(await verifyPassword('a piped passphrase', row.passwordHash)).toBe(true);
  });

  test('when the email already has an account, then exit code 1 says so and nothing changes', async () => {
    const before = await db.prisma.user.findUniqueOrThrow({ where: { email: 'ann@example.org' } });
    const { io, err } = cliIo();

    const code = await main(['--email', 'ann@example.org', '--role', 'editor'], env, io);

    expect(code).toBe(1);
    expect(err()).toContain('An account with the email ann@example.org already exists: nothing was created.');
    expect(await db.prisma.user.findUniqueOrThrow({ where: { email: 'ann@example.org' } })).toEqual(before);
  });

  test('when the role, the email or an option is wrong, then exit code 2 names the problem and the usage', async () => {
    const before = await db.prisma.user.count();
    const badRole = cliIo();
    const badEmail = cliIo();
    const unknown = cliIo();
    const shortPassword = cliIo('short');

    expect(await main(['--email', 'cy@example.org', '--role', 'owner'], env, badRole.io)).toBe(2);
    expect(await main(['--email', 'nobody', '--role', 'editor'], env, badEmail.io)).toBe(2);
    expect(await main(['--email', 'cy@example.org', '--role', 'editor', '--admin'], env, unknown.io)).toBe(2);
    expect(await main(['--email', 'cy@example.org', '--role', 'editor', '--password-stdin'], env, shortPassword.io)).toBe(2);

    expect(badRole.err()).toContain('--role: Choose admin or editor');
    expect(badEmail.err()).toContain('--email: Enter an email address such as name@example.org');
    expect(unknown.err()).toContain("Unknown option '--admin'");
    expect(shortPassword.err()).toContain('the password from standard input: A password needs at least 12 characters');
    expect(badRole.err()).toContain('Usage: npm run user:create -- --email');
    expect(await db.prisma.user.count()).toBe(before);
  });

  test('when the embedded database is held by a running server, then exit code 1 says to stop the server first', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'on-record-cli-'));
    const dataDir = path.join(dir, 'pglite');
    await writeFile(`${dataDir}.lock`, String(process.pid)); // this very process: alive, like a server would be
    const { io, err } = cliIo();
    try {
      const code = await main(['--email', 'dee@example.org', '--role', 'admin'], { DATA_DIR: dataDir }, io);

      expect(code).toBe(1);
      expect(err()).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
      expect(err()).toContain('stop the server (npm start) first');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
