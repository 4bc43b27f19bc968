import type { Db, PrismaClient, Tx } from '../db/client';
import { isUniqueViolation, retryOnUniqueViolation } from '../db/retry';
import type { SpeakerKind, StatementKind } from '../generated/prisma/enums';
import { lookupSpeakers, SIMILAR_NAME_THRESHOLD } from '../speakers/speakers.lookup';
import { lockSpeakerStances } from '../statements/current-stance';
import { recordStatement, type CreatedStatement } from '../statements/statements.service';
import { storeSource } from '../statements/statements.parts';
import type { NewStatementInput } from '../statements/statements.schema';
import { TOPIC_CHOICES } from '../statements/statements.choices';

// Saving the statements an editor kept from an article, and what the review
// page and the API need around the extractor: the speakers on record that a
// proposed name matches, and the topic's name.

export type SpeakerCandidate = {
  id: number;
  slug: string;
  name: string;
  kind: SpeakerKind;
  /** The name or alias that matched. */
  matched: string;
  via: 'slug' | 'name' | 'alias';
  exact: boolean;
};

/** What the review page shows of a speaker a row may mean. */
export type SpeakerOption = Pick<SpeakerCandidate, 'slug' | 'name' | 'kind' | 'matched' | 'via'>;

/** A proposed name is offered at most this many speakers on record. */
export const CANDIDATES_SHOWN = 3;

/**
 * Speakers on record a proposed name may mean, best first: the speaker lookup's
 * matches by name or alias that are exact or at least as close as the name a new
 * speaker may not have without confirmation ("Hikmat Hijri" for "Hikmat Al Hijri").
 */
export async function speakerCandidates(db: Db, name: string): Promise<SpeakerCandidate[]> {
  const matches = (await lookupSpeakers(db, name))
    .filter((m) => m.exact || m.score >= SIMILAR_NAME_THRESHOLD)
    .slice(0, CANDIDATES_SHOWN);
  if (matches.length === 0) return [];
  const ids = await db.speaker.findMany({
    where: { slug: { in: matches.map((m) => m.slug) } },
    select: { id: true, slug: true },
  });
  const idOf = new Map(ids.map((s) => [s.slug, s.id]));
  return matches.flatMap((m) => {
    const id = idOf.get(m.slug);
    return id === undefined
      ? []
      : [{ id, slug: m.slug, name: m.name, kind: m.kind, matched: m.matched, via: m.via, exact: m.exact }];
  });
}

/** The candidates of each distinct name, looked up once each. */
export async function candidatesByName(db: Db, names: string[]): Promise<Map<string, SpeakerCandidate[]>> {
  const found = new Map<string, SpeakerCandidate[]>();
  for (const name of new Set(names)) found.set(name, await speakerCandidates(db, name));
  return found;
}

/**
 * The options of each review row's speaker: the candidates for the name typed,
 * and the speaker chosen before when the name no longer leads to it, so that a
 * choice survives a failed save.
 */
export async function speakerOptions(db: Db, rows: { speaker: string; speaker_choice: string }[]): Promise<SpeakerOption[][]> {
  const byName = await candidatesByName(
    db,
    rows.map((r) => r.speaker),
  );
  const chosen = [...new Set(rows.map((r) => r.speaker_choice))];
  const speakers = await db.speaker.findMany({ where: { slug: { in: chosen } }, select: { slug: true, name: true, kind: true } });
  const bySlug = new Map(speakers.map((s) => [s.slug, { ...s, matched: s.name, via: 'slug' as const }]));
  return rows.map((row) => {
    const candidates: SpeakerOption[] = byName.get(row.speaker) ?? [];
    const kept = bySlug.get(row.speaker_choice);
    return kept && !candidates.some((c) => c.slug === kept.slug) ? [kept, ...candidates] : candidates;
  });
}

/** Topics for the review's selects: the same bounded list, by name, as the add-a-statement form. */
export async function topicChoices(db: Db): Promise<{ slug: string; name: string }[]> {
  return db.topic.findMany({
    select: { slug: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: TOPIC_CHOICES,
  });
}

/** A topic on record by its slug, else by its name (ignoring case); null when neither. */
export async function findTopic(db: Db, slugOrName: string): Promise<{ slug: string; name: string } | null> {
  const text = slugOrName.trim();
  if (text === '') return null;
  const bySlug = await db.topic.findUnique({ where: { slug: text }, select: { slug: true, name: true } });
  if (bySlug) return bySlug;
  const [byName] = await db.$queryRaw<{ slug: string; name: string }[]>`
    SELECT slug, name FROM topics WHERE lower(name) = lower(${text}) ORDER BY id LIMIT 1`;
  return byName ?? null;
}

/** Saving failed at one row; `cause` says why (a ValidationError, a similar speaker, a duplicate). */
export class ReviewRowError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`Statement ${index + 1} could not be saved`);
  }
}

export type KeptStatement = { index: number; input: NewStatementInput };

/** Many statements, each with its speaker, topic and stance checks and revision: more than a one-statement write. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Stores the article's source once and records every kept statement linked to
 * it, each exactly as the add-a-statement form does (speaker found or created,
 * position, current stances, a revision), all in one transaction: when any
 * statement fails, nothing is written, and the error names its row.
 */
export async function saveArticleStatements(
  prisma: PrismaClient,
  source: NewStatementInput['sources'][number],
  kept: KeptStatement[],
  actorId: number,
): Promise<CreatedStatement[]> {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(
      async (tx) => {
        await lockInOrder(tx, kept);
        const sourceId = await storeSource(tx, source);
        const created: CreatedStatement[] = [];
        for (const { index, input } of kept) {
          try {
            created.push(await recordStatement(tx, { ...input, sources: [], source_unknown: false }, actorId, [sourceId]));
          } catch (error) {
            // A clash with a concurrent write is retried whole; anything else belongs to this row.
            throw isUniqueViolation(error) ? error : new ReviewRowError(index, error);
          }
        }
        return created;
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    ),
  );
}

/**
 * Takes, before writing anything, the locks every statement's write will take
 * (lockSpeakerStances: a speaker's, then its topics'), for every speaker on
 * record the rows name, in id order, then every topic in id order. One write
 * takes one speaker's lock and then its topics'; many in a row would hold a
 * topic while waiting for the next speaker, and a single write by that speaker
 * on that topic, or another article naming the same speakers in another order,
 * would deadlock with it. Speakers created by this save are invisible to every
 * other transaction until it commits, so nobody else can hold their locks.
 */
async function lockInOrder(tx: Tx, kept: KeptStatement[]): Promise<void> {
  const inputs = kept.map((k) => k.input);
  const slugs = inputs.flatMap((i) => (typeof i.speaker === 'string' ? [i.speaker] : []));
  const names = inputs.flatMap((i) => (typeof i.speaker === 'string' ? [] : [i.speaker.name.toLowerCase()]));
  const topicSlugs = inputs.flatMap((i) => i.positions.flatMap((p) => (typeof p.topic === 'string' ? [p.topic] : [])));
  const topicNames = inputs.flatMap((i) =>
    i.positions.flatMap((p) => (typeof p.topic === 'string' ? [] : [p.topic.name.toLowerCase()])),
  );
  const speakers = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM speakers WHERE slug = ANY(${slugs}::text[]) OR lower(name) = ANY(${names}::text[]) ORDER BY id`;
  const topics = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM topics WHERE slug = ANY(${topicSlugs}::text[]) OR lower(name) = ANY(${topicNames}::text[]) ORDER BY id`;
  for (const [i, { id }] of speakers.entries())
    await lockSpeakerStances(tx, id, i === speakers.length - 1 ? topics.map((t) => t.id) : []);
}

export type SavedStatement = {
  id: number;
  kind: StatementKind;
  text: string;
  speaker: { slug: string; name: string };
  topics: { slug: string; name: string }[];
};

/** The statements just saved, for the page that lists them: in the order of the ids. */
export async function savedStatements(db: Db, ids: number[]): Promise<SavedStatement[]> {
  const rows = await db.statement.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      kind: true,
      text: true,
      speaker: { select: { slug: true, name: true } },
      positions: { select: { topic: { select: { slug: true, name: true } } }, orderBy: { id: 'asc' } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, topics: row.positions.map((p) => p.topic) }] : [];
  });
}
