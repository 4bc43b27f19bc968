import type { Client } from 'pg';
import { WORDS } from './corpus';

// The hot paths the benchmark drives, chosen from the corpus itself: the most
// popular topic, the most prolific speaker, and so on, so that every size is
// measured at its worst rather than at a random quiet corner.

export type Target = {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  /** For POST: builds the body of the n-th request, so that each one differs. */
  body?: (n: number) => string;
  /** Writes change the database, so they are not replayed through `pg`. */
  replaySql?: boolean;
  /** Sent with every request (the API token of a write). */
  headers?: Record<string, string>;
};

export const BASELINE: Target = { name: 'baseline: layout, no database (/about)', path: '/about' };

/** `apiToken` authenticates the POST route, as an editor's script would. */
export async function chooseTargets(db: Client, apiToken: string): Promise<Target[]> {
  const one = async <T>(sql: string): Promise<T> => (await db.query(sql)).rows[0] as T;
  const topic = await one<{ slug: string }>(`
    SELECT t.slug FROM topics t JOIN LATERAL (SELECT count(*) AS n FROM positions p WHERE p.topic_id = t.id) c ON true
    ORDER BY c.n DESC, t.id LIMIT 1`);
  const speaker = await one<{ slug: string; id: number }>(`
    SELECT sp.slug, sp.id FROM speakers sp JOIN LATERAL (SELECT count(*) AS n FROM statements s WHERE s.speaker_id = sp.id) c ON true
    ORDER BY c.n DESC, sp.id LIMIT 1`);
  // A statement with a relation when there is one: its page shows the most.
  const permalink = await one<{ id: number }>(`
    SELECT s.id FROM statements s
    WHERE s.speaker_id = ${speaker.id}
    ORDER BY EXISTS (SELECT 1 FROM statement_relations r WHERE r.from_id = s.id) DESC, s.id DESC LIMIT 1`);
  const topTopics = (
    await db.query<{ slug: string }>(`
    SELECT t.slug FROM topics t JOIN LATERAL (SELECT count(*) AS n FROM current_stances c WHERE c.topic_id = t.id) c ON true
    ORDER BY c.n DESC, t.id LIMIT 10`)
  ).rows.map((r) => r.slug);
  const topSpeakers = (
    await db.query<{ slug: string }>(`
    SELECT sp.slug FROM speakers sp JOIN LATERAL (SELECT count(*) AS n FROM current_stances c WHERE c.speaker_id = sp.id) c ON true
    ORDER BY c.n DESC, sp.id LIMIT 10`)
  ).rows.map((r) => r.slug);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

  return [
    { name: 'topic comparison, most popular topic', path: `/topics/${topic.slug}` },
    { name: 'speaker page, most prolific speaker', path: `/speakers/${speaker.slug}` },
    { name: 'statement permalink', path: `/statements/${permalink.id}` },
    { name: 'search: common word', path: `/search?${q({ q: 'government' })}` },
    { name: 'search: rare word', path: `/search?${q({ q: 'watershed' })}` },
    { name: 'search: phrase', path: `/search?${q({ q: '"federal state"' })}` },
    {
      name: 'search: word + filters',
      path: `/search?${q({ q: 'ceasefire', speaker_kind: 'government', from: '2024', to: '2026' })}`,
    },
    {
      name: 'compare grid 10 × 10',
      path: `/compare?${q({ topics: topTopics.join(','), speakers: topSpeakers.join(',') })}`,
    },
    { name: 'list API, popular topic', path: `/api/v1/statements?${q({ topic: topic.slug })}` },
    {
      name: 'POST /api/v1/statements',
      path: '/api/v1/statements',
      method: 'POST',
      replaySql: false,
      headers: { authorization: `Bearer ${apiToken}` },
      // Sixteen editors at once rarely quote the same speaker on the same
      // topic: each request takes the next of the ten busiest speakers and
      // topics (writes for one speaker, or one topic's chart counts, queue
      // behind each other by design).
      body: (n) =>
        JSON.stringify({
          speaker: topSpeakers[n % topSpeakers.length],
          kind: 'quote',
          // Different words each time: near-identical texts would be refused as duplicates.
          text: freshText(n),
          language: 'en',
          said_on: '2026-11-20',
          source_unknown: true,
          positions: [{ topic: topTopics[(n * 7) % topTopics.length], stance: 'supports', strength: 1 }],
        }),
    },
  ];
}

/** Twenty words drawn by a small linear congruential generator from the corpus vocabulary, different for each n. */
function freshText(n: number): string {
  let x = (n * 2654435761 + Date.now()) >>> 0;
  const words: string[] = [];
  for (let i = 0; i < 20; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    words.push(WORDS[x % WORDS.length]!);
  }
  return `Benchmark ${n}: ${words.join(' ')}.`;
}
