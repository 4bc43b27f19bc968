import { parseArgs } from 'node:util';
import { randomPassword } from '../auth/passwords';
import { loadConfig, siteUrl, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { ValidationError } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { newUserInput, type NewUserInput } from './users.schema';
import { createUser } from './users.service';

// `npm run user:create -- --email a@b.org --role admin [--name "Ann"] [--password-stdin]`:
// the first admin of a database (and any account when no admin can sign in).

export type CliIo = { out(text: string): void; err(text: string): void; readStdin(): Promise<string> };

export const USAGE = `Usage: npm run user:create -- --email name@example.org --role admin|editor [--name "Ann Example"] [--password-stdin]
  --name            shown beside their edits (default: the part of the email before the @)
  --password-stdin  read the password from standard input (e.g. printf '%s' "$PASSWORD" | npm run user:create -- ...);
                    without it a random password is made and printed once`;

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FIELD_LABELS: Record<string, string> = {
  email: '--email',
  name: '--name',
  role: '--role',
  password: 'the password from standard input',
};

/** Creates the account; answers the process's exit code (0 done, 1 refused or failed, 2 bad arguments). */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const password = args['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
  const parsed = newUserInput.safeParse({
    email: args.email ?? '',
    name: args.name ?? (args.email ?? '').split('@')[0],
    role: args.role ?? '',
    password: password ?? randomPassword(),
  });
  if (!parsed.success) {
    const problems = Object.entries(fieldErrors(parsed.error)).map(([f, m]) => `  ${FIELD_LABELS[f] ?? f}: ${m}`);
    io.err(`Nothing was created:\n${problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  return createAccount(config, parsed.data, password === undefined, io);
}

async function createAccount(config: Config, input: NewUserInput, printPassword: boolean, io: CliIo): Promise<number> {
  let database: Database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    io.err(`Could not open the database: ${(error as Error).message}`);
    if (!config.databaseUrl)
      io.err(
        'DATABASE_URL is unset, so this uses the embedded database, which one process at a time may open: ' +
          'stop the server (npm start) first, run this again, then start the server.',
      );
    return 1;
  }
  try {
    const user = await createUser(database.prisma, input);
    io.out(`Created the ${user.role} account ${user.email} (${user.name}).`);
    if (printPassword) io.out(`Password (shown once, only its hash is stored): ${input.password}`);
    io.out(`Sign in at ${siteUrl(config)}sign-in`);
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    io.err(`An account with the email ${input.email} already exists: nothing was created.`);
    return 1;
  } finally {
    await database.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  const io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t), readStdin: () => readAll(process.stdin) };
  main(process.argv.slice(2), process.env, io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
