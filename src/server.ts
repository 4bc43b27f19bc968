import { createApp } from './app';
import { cleanUpExpiredAuthState } from './auth/expired-state';
import { loadConfig, siteUrl } from './config';
import { openDatabase } from './db/database';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { createDemoAdminIfNeeded } from './users/demo-admin';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  console.log(
    database.embedded
      ? `Database: embedded PostgreSQL (PGlite), data in ${config.dataDir} (set DATABASE_URL to use a server)`
      : `Database: PostgreSQL at ${redact(database.url)}`,
  );
  if (config.demoData && (await loadDemoDataIfEmpty(database.prisma)))
    console.log('Loaded the demo data into the empty database.');
  const demoAdmin = await createDemoAdminIfNeeded(database);

  const app = createApp({
    prisma: database.prisma,
    pageCacheMb: config.pageCacheMb,
    sessionSecret: config.sessionSecret,
    trustProxy: config.trustProxy,
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const url = siteUrl(config, typeof address === 'object' && address ? address.port : config.port);
    console.log(`On Record is running: open ${url}`);
    if (demoAdmin)
      console.log(
        `\nSign in at ${url}sign-in as ${demoAdmin.email} with password ${demoAdmin.password}\n` +
          '(shown once; create more accounts at /admin/users)\n',
      );
  });

  const cleanUp = cleanUpExpiredAuthState(database.prisma);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(cleanUp);
    console.log(`${signal}: finishing open requests, then closing the database.`);
    server.close(() => void database.close().then(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
