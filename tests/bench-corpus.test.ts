import { Client } from 'pg';
import { buildCorpus, copyCorpus } from '../src/bench/corpus';

// The benchmark's corpus generator makes databases of its own, so it needs a
// PostgreSQL server (CI gives one); on the embedded database it is skipped.
const serverUrl = process.env.DATABASE_URL;
const onServer = serverUrl ? describe : describe.skip;

onServer('the benchmark corpus generator', () => {
  const names = [`bench_test_${process.pid}_a`, `bench_test_${process.pid}_b`, `bench_test_${process.pid}_a_run`];

  afterAll(async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  async function fingerprint(url: string) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const one = async (sql: string) => (await client.query<{ v: string }>(sql)).rows[0]!.v;
      return {
        statements: await one(
          `SELECT md5(string_agg(speaker_id || text || coalesce(said_on::text, ''), '|' ORDER BY id)) AS v FROM statements`,
        ),
        positions: await one(
          `SELECT md5(string_agg(statement_id || ':' || topic_id || stance::text, '|' ORDER BY id)) AS v FROM positions`,
        ),
        rare: await one(`SELECT count(*)::text AS v FROM statements WHERE search_vector @@ to_tsquery('simple', 'watershed')`),
        arabic: await one(`SELECT count(*)::text AS v FROM statements WHERE original_language = 'ar'`),
      };
    } finally {
      await client.end();
    }
  }

  test('when the same size and seed are built twice, then both hold the same rows, with every later migration’s derived data filled', async () => {
    const a = await buildCorpus({ serverUrl: serverUrl!, database: names[0]!, statements: 2000, seed: 7 });
    const b = await buildCorpus({ serverUrl: serverUrl!, database: names[1]!, statements: 2000, seed: 7 });

    expect(a.counts.statements).toBe(2000);
    expect(a.counts.positions).toBeGreaterThan(2000);
    expect(a.counts.current_stances).toBeGreaterThan(0);
    expect(a.counts.stance_shifts).toBeGreaterThan(0);
    expect(a.counts.topic_stance_months).toBeGreaterThan(0);
    expect(a.counts).toEqual(b.counts);
    const [fa, fb] = [await fingerprint(a.url), await fingerprint(b.url)];
    expect(fa).toEqual(fb);
    expect(Number(fa.rare)).toBeGreaterThan(0); // the rare word the benchmark searches for
    expect(Number(fa.arabic)).toBeGreaterThan(0);

    // A run writes into a throwaway copy; the corpus itself stays as built.
    const copy = await copyCorpus(serverUrl!, names[0]!);
    expect(await fingerprint(copy.url)).toEqual(fa);
    const writer = new Client({ connectionString: copy.url });
    await writer.connect();
    await writer.query(
      `INSERT INTO statements (speaker_id, kind, text, language) SELECT id, 'quote', 'Written by a run', 'en' FROM speakers LIMIT 1`,
    );
    await writer.end();
    expect(await fingerprint(copy.url)).not.toEqual(fa);
    expect(await fingerprint(a.url)).toEqual(fa);
    await copy.drop();
    const exists = new Client({ connectionString: serverUrl });
    await exists.connect();
    const left = await exists.query('SELECT 1 FROM pg_database WHERE datname = $1', [names[2]]);
    await exists.end();
    expect(left.rowCount).toBe(0);
  }, 60_000);
});
