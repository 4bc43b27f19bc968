import { Client } from 'pg';
import { migrate, readMigrations } from '../db/migrations';

// `npm run bench:data -- --statements 1000000 [--database bench_1m] [--seed 42]`
// builds a synthetic collection in a database of its own on the PostgreSQL
// server at BENCH_SERVER_URL (default: the machine's, as in CI). Each phase is
// one INSERT … SELECT over generate_series inside the server, so a million
// statements load in minutes rather than hours, and `setseed` plus a serial
// plan makes the same seed give the same rows.

export type CorpusOptions = {
  serverUrl: string;
  database: string;
  statements: number;
  seed: number;
  log?: (line: string) => void;
};

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Popularity is skewed like the news: index = floor(n · u^k) puts most draws on the first few rows. */
const skewed = (n: number, k = 3) => `(1 + floor(${n} * power(random(), ${k}))::int)`;

export const WORDS = `government region autonomy federal state security ceasefire border election reform sanctions
  agreement talks negotiations withdrawal troops militia army police protest demonstrators rights minority
  constitution parliament vote referendum independence sovereignty unity integrity division separatist
  dialogue mediation humanitarian aid refugees return reconstruction economy oil water electricity prices
  inflation currency budget corruption transparency justice court trial amnesty prisoners release detention
  violence attack strike drone bombardment shelling casualties civilians hospital school village city
  province capital south north east west coast mountains desert river crossing checkpoint corridor
  international community united nations council resolution envoy summit ministers president prime
  minister leader spokesman official statement declaration demand call urge warn reject support oppose
  welcome condemn deny confirm announce promise commit guarantee insist refuse accept propose plan
  initiative roadmap framework transition interim authority administration local councils governance
  decentralisation federalism partition annexation occupation liberation resistance opposition coalition
  alliance partners neighbours allies enemies threat risk stability peace war conflict crisis tension
  escalation calm restraint solution future people nation citizens communities tribes clans religious
  secular druze kurdish alawite christian sunni shia elders clerics youth women families victims
  martyrs heroes history dignity freedom democracy elections timetable deadline weeks months years`
  .split(/\s+/)
  .filter(Boolean);

const ARABIC_WORDS = `حكومة منطقة حكم ذاتي الدولة الأمن وقف إطلاق النار الحدود انتخابات إصلاح عقوبات اتفاق محادثات
  انسحاب قوات ميليشيا جيش الشرطة احتجاج حقوق الأقلية دستور برلمان استفتاء استقلال سيادة وحدة انفصال حوار
  مساعدات لاجئين عودة إعمار اقتصاد العدالة محكمة السجناء العنف هجوم المدنيين الجنوب الشمال السويداء دمشق`
  .split(/\s+/)
  .filter(Boolean);

const FIRST = `Ahmad Layla Omar Nadia Karim Rana Youssef Hala Samir Dina Tariq Mona Fadi Salma Walid Rasha Hassan
  Noura Khaled Yara Anna Peter Maria John Elena David Sofia Michael Laura James Ines Lucas Emma Daniel Clara`
  .split(/\s+/)
  .filter(Boolean);
const LAST = `Haddad Khoury Nasser Saleh Mansour Hamdan Darwish Aziz Farah Suleiman Jaber Qasim Halabi Karam Shami
  Idris Bakri Tamimi Rahman Sabbagh Meyer Rossi Dubois Novak Petrov Garcia Jensen Silva Kowalski Brown`
  .split(/\s+/)
  .filter(Boolean);
const COUNTRIES = ['SY', 'SA', 'LB', 'JO', 'IL', 'TR', 'IQ', 'IR', 'EG', 'US', 'GB', 'FR', 'DE', 'RU', 'CN', 'QA', 'AE'];
const PUBLISHERS =
  `Reuters|AFP|Associated Press|Al Jazeera|BBC News|The National|Asharq Al-Awsat|Enab Baladi|Le Monde|The Guardian|SANA|Anadolu Agency|Al Arabiya|Syria Direct|L'Orient-Le Jour`.split(
    '|',
  );

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

function phases(o: CorpusOptions): { name: string; sql: string }[] {
  const n = o.statements;
  const speakers = Math.max(50, Math.min(20_000, Math.round(n / 50)));
  const topics = Math.max(20, Math.min(2_000, Math.round(n / 500)));
  const sources = Math.max(100, Math.round(n / 5));
  const words = sqlArray(WORDS);
  const arabic = sqlArray(ARABIC_WORDS);
  // Ten years back from a fixed day, so that the same seed gives the same dates whatever today is.
  const lastDay = `DATE '2026-11-24'`;
  const sentence = (vocab: string, count: string, k = 2) =>
    `(SELECT string_agg((${vocab})[1 + floor(array_length(${vocab}, 1) * power(random(), ${k}))::int], ' ') FROM generate_series(1, ${count}))`;
  return [
    {
      name: `${speakers} speakers`,
      sql: `
        INSERT INTO speakers (slug, name, kind, country, description, created_at, updated_at)
        SELECT 'speaker-' || g,
               CASE WHEN g % 10 < 6
                 THEN (${sqlArray(FIRST)})[1 + g % ${FIRST.length}] || ' ' || (${sqlArray(LAST)})[1 + (g / ${FIRST.length}) % ${LAST.length}] || ' ' || g
                 ELSE initcap((${words})[1 + g % ${WORDS.length}]) || ' ' || (ARRAY['Council','Ministry','Front','Movement','Government','Committee','Office','Party'])[1 + g % 8] || ' ' || g END,
               (CASE WHEN g % 10 < 6 THEN 'person'
                     WHEN g % 10 = 6 THEN 'government' WHEN g % 10 = 7 THEN 'ministry'
                     WHEN g % 10 = 8 THEN 'organisation' WHEN g % 20 = 9 THEN 'armed_group' ELSE 'media_outlet' END)::speaker_kind,
               (${sqlArray(COUNTRIES)})[1 + floor(${COUNTRIES.length} * power(random(), 2))::int],
               CASE WHEN g % 3 = 0 THEN 'Synthetic speaker for benchmarks' END,
               now(), now()
        FROM generate_series(1, ${speakers}) g`,
    },
    {
      name: 'aliases',
      sql: `
        INSERT INTO speaker_aliases (speaker_id, name)
        SELECT s.id, a.name FROM speakers s
        CROSS JOIN LATERAL (VALUES ('Alias ' || s.id), ('Also ' || s.id)) AS a(name)
        WHERE s.id % 3 = 0 OR (s.id % 7 = 0 AND a.name LIKE 'Alias%')`,
    },
    {
      name: `${topics} topics in a hierarchy`,
      sql: `
        INSERT INTO topics (slug, name, parent_id, created_at, updated_at)
        SELECT 'topic-' || g,
               initcap((${words})[1 + g % ${WORDS.length}]) || ' ' || (${words})[1 + (g * 7) % ${WORDS.length}] || ' ' || g,
               CASE WHEN g > ${Math.ceil(topics / 20)} THEN 1 + (g * 31) % ${Math.ceil(topics / 20)} END,
               now(), now()
        FROM generate_series(1, ${topics}) g`,
    },
    {
      name: `${sources} sources`,
      sql: `
        INSERT INTO sources (publisher, title, url, published_on, published_on_precision)
        SELECT (${sqlArray(PUBLISHERS)})[1 + g % ${PUBLISHERS.length}],
               'Report ' || g,
               'https://news.example/' || g,
               ${lastDay} - (random() * 3650)::int, 'day'
        FROM generate_series(1, ${sources}) g`,
    },
    {
      name: `${n} statements over ten years`,
      sql: `
        INSERT INTO statements (speaker_id, kind, text, language, original_text, original_language, said_on, said_on_precision, context, created_at, updated_at)
        SELECT speaker_id, kind, text, language, original_text, original_language, said_on,
               CASE WHEN said_on IS NULL THEN NULL WHEN g % 50 = 0 THEN 'month' ELSE 'day' END::date_precision,
               context, now(), now()
        FROM (
          SELECT g, ${skewed(speakers)} AS speaker_id,
                 (CASE WHEN g % 20 = 0 THEN 'official_position' WHEN g % 5 = 0 THEN 'paraphrase' WHEN g % 97 = 0 THEN 'no_comment' ELSE 'quote' END)::statement_kind AS kind,
                 CASE WHEN g % 97 = 0 THEN 'No immediate comment.' ELSE ${sentence(words, '12 + g % 25')} END
                   -- A word in one statement in ten thousand, for the rare-word search.
                   || CASE WHEN g % 9973 = 1 THEN ' a watershed moment' ELSE '' END AS text,
                 CASE WHEN g % 30 = 0 THEN 'ar' ELSE 'en' END AS language,
                 CASE WHEN g % 30 = 0 OR g % 31 = 0 THEN ${sentence(arabic, '8 + g % 10')} END AS original_text,
                 CASE WHEN g % 30 = 0 OR g % 31 = 0 THEN 'ar' END AS original_language,
                 CASE WHEN g % 200 = 0 THEN NULL ELSE ${lastDay} - floor(3650 * power(random(), 1.5))::int END AS said_on,
                 CASE WHEN g % 4 = 0 THEN ${sentence(words, '6 + g % 6')} END AS context
          FROM generate_series(1, ${n}) g
        ) x`,
    },
    {
      name: 'statement sources',
      sql: `
        INSERT INTO statement_sources (statement_id, source_id)
        SELECT id, 1 + ((id::bigint * 7919) % ${sources})::int FROM statements WHERE id % 10 <> 0`,
    },
    {
      name: 'positions (1–3 per statement)',
      sql: `
        INSERT INTO positions (statement_id, topic_id, stance, strength, speaker_id, said_on)
        SELECT DISTINCT ON (s.id, t.topic_id) s.id, t.topic_id,
               (CASE WHEN s.kind = 'no_comment' THEN 'unclear'
                     ELSE (ARRAY['supports','supports','opposes','opposes','opposes','neutral','mixed','unclear'])[1 + floor(8 * random())::int] END)::stance,
               CASE WHEN random() < 0.2 THEN 2 ELSE 1 END,
               s.speaker_id, s.said_on
        FROM statements s
        CROSS JOIN LATERAL (
          SELECT ${skewed(topics)} + 0 * s.id AS topic_id FROM generate_series(1, 1 + (s.id % 6) / 3 + (s.id % 9) / 8)
        ) t`,
    },
    {
      name: 'relations',
      sql: `
        INSERT INTO statement_relations (from_id, to_id, kind)
        SELECT s.id, s.id - 1 - (s.id % 500),
               (ARRAY['responds_to','rejects','endorses','contradicts'])[1 + s.id % 4]::relation_kind
        FROM statements s WHERE s.id % 50 = 0 AND s.id > 600`,
    },
    {
      name: 'current stances',
      sql: `
        INSERT INTO current_stances (speaker_id, topic_id, statement_id, stance, strength, said_on, said_on_precision)
        SELECT DISTINCT ON (p.speaker_id, p.topic_id) p.speaker_id, p.topic_id, p.statement_id, p.stance, p.strength, p.said_on, s.said_on_precision
        FROM positions p JOIN statements s ON s.id = p.statement_id
        ORDER BY p.speaker_id, p.topic_id, p.said_on DESC NULLS LAST, p.statement_id DESC`,
    },
  ];
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function corpusDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const MARKER = 'on-record bench corpus';

/** What an existing corpus database holds, read from the comment buildCorpus leaves on it; undefined if none. */
export async function describeCorpus(
  serverUrl: string,
  database: string,
): Promise<{ statements: number; seed: number; description: string } | undefined> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1',
      [database, 'pg_database'],
    );
    const match = rows[0]?.comment?.match(new RegExp(`^${MARKER}: statements=(\\d+) seed=(\\d+)`));
    if (!match) return undefined;
    return { statements: Number(match[1]), seed: Number(match[2]), description: rows[0]!.comment! };
  });
}

/**
 * A throwaway copy of a corpus database (`<database>_run`), for one run to
 * write into: the POST route adds statements, and on the corpus itself every
 * run would start from the last one's writes (and slow down: each write
 * rewrites its speaker's stance shifts from its date on, where the earlier
 * runs left theirs). A file copy of the database takes seconds.
 */
export async function copyCorpus(serverUrl: string, database: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Not a plain database name: ${database}`);
  const copy = `${database}_run`;
  const drop = () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`)).then(() => {});
  await drop();
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${copy} TEMPLATE ${database} STRATEGY FILE_COPY`));
  return { url: corpusDatabaseUrl(serverUrl, copy), drop };
}

/** Drops and recreates the database, migrates it, loads the corpus; returns its URL and the final counts. */
export async function buildCorpus(o: CorpusOptions): Promise<{ url: string; counts: Record<string, number> }> {
  const log = o.log ?? (() => {});
  if (!/^[a-z_][a-z0-9_]*$/.test(o.database)) throw new Error(`Not a plain database name: ${o.database}`);
  await withClient(o.serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${o.database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${o.database}`);
  });
  const url = corpusDatabaseUrl(o.serverUrl, o.database);
  // The rows are written for the first schema; every later migration then
  // upgrades them and fills its own derived data (search vectors, shifts,
  // chart counts…) with its backfill, as it would on a real upgrade.
  const [first] = await readMigrations();
  await migrate(url, undefined, { through: first!.name });
  const all = phases(o);
  const counts = await withClient(url, async (c) => {
    // One serial plan per statement, so that random() is drawn in the same order each run.
    await c.query('SET max_parallel_workers_per_gather = 0');
    await c.query('SELECT setseed($1)', [(o.seed % 1000) / 1000]);
    for (const [i, phase] of all.entries()) {
      const started = Date.now();
      await c.query('BEGIN');
      await c.query(phase.sql);
      await c.query('COMMIT');
      log(`[${bar(i + 1, all.length)}] ${phase.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    const started = Date.now();
    const upgraded = await migrate(url);
    log(
      `later migrations with their backfills: ${upgraded.join(', ') || 'none'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    await c.query('VACUUM ANALYZE');
    const { rows } = await c.query<{ table: string; count: string }>(`
      SELECT 'speakers' AS table, count(*) FROM speakers UNION ALL SELECT 'speaker_aliases', count(*) FROM speaker_aliases
      UNION ALL SELECT 'topics', count(*) FROM topics UNION ALL SELECT 'statements', count(*) FROM statements
      UNION ALL SELECT 'positions', count(*) FROM positions UNION ALL SELECT 'sources', count(*) FROM sources
      UNION ALL SELECT 'statement_relations', count(*) FROM statement_relations UNION ALL SELECT 'current_stances', count(*) FROM current_stances
      UNION ALL SELECT 'stance_shifts', count(*) FROM stance_shifts UNION ALL SELECT 'topic_stance_months', count(*) FROM topic_stance_months`);
    return Object.fromEntries(rows.map((r) => [r.table, Number(r.count)]));
  });
  // Written last: a corpus whose load was interrupted has no marker and is rebuilt.
  await withClient(o.serverUrl, (c) =>
    c.query(
      `COMMENT ON DATABASE ${o.database} IS '${MARKER}: statements=${o.statements} seed=${o.seed}, built ${new Date().toISOString()}'`,
    ),
  );
  return { url, counts };
}

const bar = (done: number, total: number, width = 20) => {
  const filled = Math.round((done / total) * width);
  return '#'.repeat(filled) + '.'.repeat(width - filled);
};
