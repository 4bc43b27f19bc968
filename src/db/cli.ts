import { Client } from 'pg';
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrate } from './migrations';
import { loadDemoData } from '../demo/demo-data';

// `npm run db:migrate | db:seed | db:reset`, against DATABASE_URL or the embedded database.
const commands: Record<string, () => Promise<void>> = {
  async migrate() {
    const database = await openDatabase(loadConfig()); // opening migrates
    await database.close();
    console.log('Migrations are up to date.');
  },
  async seed() {
    const database = await openDatabase(loadConfig());
    try {
      const { created } = await loadDemoData(database.prisma);
      console.log(created > 0 ? `Loaded ${created} demo statements.` : 'The demo data is already loaded; nothing added.');
    } finally {
      await database.close();
    }
  },
  async reset() {
    const config = loadConfig();
    const database = await openDatabase(config);
    await dropEverything(database.url);
    await migrate(database.url);
    const { created } = await loadDemoData(database.prisma);
    await database.close();
    console.log(`Database reset: schema recreated, ${created} demo statements loaded.`);
  },
};

async function dropEverything(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`Usage: cli.ts ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
