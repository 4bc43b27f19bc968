import { parseArgs } from 'node:util';
import { buildCorpus, DEFAULT_SERVER_URL } from './corpus';

// npm run bench:data -- --statements 1000000 [--database bench_1m] [--seed 42]
const { values } = parseArgs({
  options: {
    statements: { type: 'string', default: '100000' },
    database: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});

const statements = Number(values.statements);
if (!Number.isInteger(statements) || statements < 100) {
  console.error('--statements must be a whole number of at least 100');
  process.exit(2);
}
const database = values.database ?? `bench_${statements}`;
const started = Date.now();
buildCorpus({
  serverUrl: process.env.BENCH_SERVER_URL ?? DEFAULT_SERVER_URL,
  database,
  statements,
  seed: Number(values.seed),
  log: (line) => console.log(line),
})
  .then(({ url, counts }) => {
    console.log(`Built ${url} in ${((Date.now() - started) / 1000).toFixed(0)} s:`);
    for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${count.toLocaleString('en')}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
