import { Prisma, type PrismaClient, type Tx } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';
import type { Source } from '../generated/prisma/client';
import type { SpeakerKind } from '../generated/prisma/enums';
import { literalLike } from '../db/like-pattern';
import { retryOnUniqueViolation } from '../db/retry';
import { ValidationError } from '../http/errors';
import { createSpeaker } from '../speakers/speakers.service';
import { createTopic } from '../topics/topics.service';
import { refuseSimilarSpeaker } from '../speakers/speakers.lookup';
import { refreshCurrentStances, stanceLocks } from './current-stance';
import { DuplicateStatementError, findDuplicateStatements } from './statements.duplicates';
import type { NewStatementInput } from './statements.schema';
import { revisionInsert } from '../revisions/revisions.service';
import { statementSnapshotSelect, toStatementSnapshot } from '../revisions/snapshots';
import type { StatementRecord } from './statements.queries';

/** The statement's own columns, as the form or the API gave them (the same on create and on edit). */
export function statementColumns(input: NewStatementInput) {
  return {
    kind: input.kind,
    text: input.text,
    language: input.language,
    originalText: input.original_text ?? null,
    originalLanguage: input.original_language ?? null,
    saidOn: input.said_on?.date ?? null,
    saidOnPrecision: input.said_on?.precision ?? null,
    place: input.place ?? null,
    context: input.context ?? null,
    attribution: input.attribution ?? null,
  };
}

/**
 * What a write knows of the statement it just wrote: the revision's snapshot
 * and the record the API answers with. Assembled from what the write sends
 * and what the lookups read rather than read back (eight more queries, each
 * a round trip).
 */
type Written = StatementRecord & Prisma.StatementGetPayload<{ select: typeof statementSnapshotSelect }>;

/** `record` is the statement as the API shows it, read in the transaction that wrote it. */
export type CreatedStatement = { id: number; speakerSlug: string; topicSlugs: string[]; record: StatementRecord };

/**
 * Records a statement with its speaker (existing or new), positions, sources
 * and relations in one transaction, and brings the speaker's current stances
 * up to date in the same transaction. Unknown slugs are a ValidationError
 * naming the field; a text the speaker already has (nearly) word for word is a
 * DuplicateStatementError unless `allow_duplicate`; a new speaker whose name
 * is very close to an existing one is a SimilarSpeakerError unless
 * `allow_similar_name`.
 */
export async function createStatement(
  prisma: PrismaClient,
  input: NewStatementInput,
  actorId: number | null = null,
): Promise<CreatedStatement> {
  return retryOnUniqueViolation(() => prisma.$transaction((tx) => recordStatement(tx, input, actorId)));
}

/**
 * createStatement's work inside the caller's transaction, so that several
 * statements (an article's, reviewed at once) are written or rolled back
 * together. `sharedSourceIds` are sources already stored in this transaction,
 * linked besides `input.sources` (one article, one source, even without a URL).
 */
export async function recordStatement(
  tx: Tx,
  input: NewStatementInput,
  actorId: number | null,
  sharedSourceIds: number[] = [],
): Promise<CreatedStatement> {
  const speaker = await resolveSpeaker(tx, input.speaker, input.allow_similar_name, actorId);
  const topics = await resolveTopics(tx, input.positions, actorId);
  await checkRelationTargets(tx, input.relations);
  // Sources are found or stored before the locks: nothing in them depends on the speaker's record.
  const sources = await storeSources(tx, input.sources, sharedSourceIds);
  const { id, createdAt } = await lockAndReserveId(tx, speaker.id, topics);
  // Under the speaker's lock, so that two identical statements sent at once
  // cannot both pass. A recorded silence repeats its words by nature ("No
  // immediate comment"): its topics tell it apart.
  if (!input.allow_duplicate && input.kind !== 'no_comment') {
    const duplicates = await findDuplicateStatements(tx, speaker.id, input.text, input.said_on?.date ?? null);
    if (duplicates.length > 0) throw new DuplicateStatementError(duplicates);
  }
  const positions = input.positions.map((p, i) => ({ topicId: topics[i]!.id, stance: p.stance, strength: p.strength }));
  // In the orders a read gives: positions and relations by id (inserted in input order), sources by id.
  const written: Written = {
    id,
    version: 1,
    speakerId: speaker.id,
    ...statementColumns(input),
    sourceUnknown: input.source_unknown && sources.length === 0,
    createdAt,
    speaker: { slug: speaker.slug, name: speaker.name, kind: speaker.kind },
    positions: positions.map((p, i) => ({ ...p, topic: { slug: topics[i]!.slug, name: topics[i]!.name } })),
    sources: sources.map((source) => ({ source })),
    relationsFrom: input.relations.map((r) => ({ kind: r.kind, toId: r.statement_id })),
    // Nothing can point at a statement before its transaction commits.
    relationsTo: [],
  };
  const revision = revisionInsert({
    entity: 'statement',
    entityId: id,
    action: 'create',
    version: 1,
    actorId,
    before: null,
    after: toStatementSnapshot(written),
  });
  const parts = { positions, sourceIds: sources.map((x) => x.id) };
  await tx.$executeRaw`${CACHED_PLAN} ${insertStatement(written, parts)}, revision AS (${revision}) SELECT 1`;
  await refreshCurrentStances(tx, speaker.id, [...new Set(topics.map((t) => t.id))], {
    saidOn: input.said_on?.date ?? null,
  });
  return { id, speakerSlug: speaker.slug, topicSlugs: topics.map((t) => t.slug), record: written };
}

/**
 * Takes the speaker's and topics' stance locks (lockSpeakerStances) and
 * reserves the new statement's id, in one round trip: with its id known, the
 * statement, its parts and its revision are written in one statement.
 * `createdAt` is the transaction's time, to the millisecond a row keeps.
 */
async function lockAndReserveId(tx: Tx, speakerId: number, topics: Ref[]): Promise<{ id: number; createdAt: Date }> {
  const [reserved] = await tx.$queryRaw<{ id: number; createdAt: Date }[]>`${CACHED_PLAN}
    SELECT (SELECT count(*) FROM (${stanceLocks(
      speakerId,
      topics.map((t) => t.id),
    )}) locks) AS locks,
           nextval(pg_get_serial_sequence('statements', 'id'))::int AS id,
           now()::timestamptz(3) AS "createdAt"`;
  return reserved!;
}

/**
 * The statement with its positions, source links and relations, as common
 * table expressions of one INSERT (a caller adds the revision's). The parts
 * select from the statement's insert, which makes it run first: the trigger
 * positions_copy_statement reads the statement's row.
 */
function insertStatement(
  s: Written,
  { positions, sourceIds }: { positions: { topicId: number; stance: string; strength: number }[]; sourceIds: number[] },
): Prisma.Sql {
  return Prisma.sql`
    WITH new_statement AS (
      INSERT INTO statements (id, speaker_id, kind, text, language, original_text, original_language, said_on,
                              said_on_precision, place, context, attribution, source_unknown, created_at, updated_at)
      VALUES (${s.id}::int, ${s.speakerId}::int, ${s.kind}::statement_kind, ${s.text}, ${s.language}, ${s.originalText},
              ${s.originalLanguage}, ${s.saidOn}::date, ${s.saidOnPrecision}::date_precision, ${s.place}, ${s.context},
              ${s.attribution}, ${s.sourceUnknown}, ${s.createdAt}::timestamptz, ${s.createdAt}::timestamptz)
      RETURNING id, speaker_id, said_on
    ),
    new_positions AS (
      INSERT INTO positions (statement_id, topic_id, stance, strength, speaker_id, said_on)
      SELECT new_statement.id, p.topic_id, p.stance::stance, p.strength, new_statement.speaker_id, new_statement.said_on
      FROM new_statement,
           unnest(${positions.map((p) => p.topicId)}::int[], ${positions.map((p) => p.stance)}::text[],
                  ${positions.map((p) => p.strength)}::int[]) AS p(topic_id, stance, strength)
    ),
    new_sources AS (
      INSERT INTO statement_sources (statement_id, source_id)
      SELECT new_statement.id, source_id FROM new_statement, unnest(${sourceIds}::int[]) AS source_id
    ),
    new_relations AS (
      INSERT INTO statement_relations (from_id, to_id, kind)
      SELECT new_statement.id, r.to_id, r.kind::relation_kind
      FROM new_statement, unnest(${s.relationsFrom.map((r) => r.toId)}::int[], ${s.relationsFrom.map((r) => r.kind)}::text[]) AS r(to_id, kind)
    )`;
}

type Ref = { id: number; slug: string };
type SpeakerRef = Ref & { name: string; kind: SpeakerKind };
type TopicRef = Ref & { name: string };

const speakerRefSelect = { id: true, slug: true, name: true, kind: true } satisfies Prisma.SpeakerSelect;
const topicRefSelect = { id: true, slug: true, name: true } satisfies Prisma.TopicSelect;

export async function resolveSpeaker(
  tx: Tx,
  speaker: NewStatementInput['speaker'],
  allowSimilar: boolean,
  actorId: number | null,
): Promise<SpeakerRef> {
  if (typeof speaker === 'string') {
    const found = await tx.speaker.findUnique({ where: { slug: speaker }, select: speakerRefSelect });
    if (!found) throw new ValidationError({ speaker: `No speaker with the slug "${speaker}"` });
    return found;
  }
  // The same name typed again means the same speaker, not a duplicate. Prisma's
  // insensitive `equals` is ILIKE: escaped, % and _ in a name match only themselves.
  const existing = await tx.speaker.findFirst({
    where: { name: { equals: literalLike(speaker.name), mode: 'insensitive' } },
    select: speakerRefSelect,
    orderBy: { id: 'asc' },
  });
  if (existing) return existing;
  await refuseSimilarSpeaker(tx, speaker.name, allowSimilar);
  return createSpeaker(tx, speaker, 'speaker', actorId);
}

export async function resolveTopics(
  tx: Tx,
  positions: NewStatementInput['positions'],
  actorId: number | null,
): Promise<TopicRef[]> {
  const refs: TopicRef[] = [];
  const errors: Record<string, string> = {};
  for (const [i, { topic }] of positions.entries()) {
    if (typeof topic === 'string') {
      const found = await tx.topic.findUnique({ where: { slug: topic }, select: topicRefSelect });
      if (found) refs.push(found);
      else errors[`positions.${i}.topic`] = `No topic with the slug "${topic}"`;
    } else {
      const existing = await tx.topic.findFirst({
        where: { name: { equals: literalLike(topic.name), mode: 'insensitive' } },
        select: topicRefSelect,
        orderBy: { id: 'asc' },
      });
      refs.push(existing ?? (await createTopic(tx, topic, `positions.${i}.topic.parent`, actorId)));
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const seen = new Set<number>();
  refs.forEach((ref, i) => {
    if (seen.has(ref.id)) errors[`positions.${i}.topic`] = 'This topic is already listed above';
    seen.add(ref.id);
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return refs;
}

/** Every related statement must exist (and, for an edit, not be the statement itself). */
export async function checkRelationTargets(tx: Tx, relations: NewStatementInput['relations'], self?: number): Promise<void> {
  if (relations.length === 0) return;
  const ids = relations.map((r) => r.statement_id);
  const found = new Set((await tx.statement.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
  const errors: Record<string, string> = {};
  relations.forEach((r, i) => {
    if (r.statement_id === self) errors[`relations.${i}.statement_id`] = 'A statement cannot relate to itself';
    else if (!found.has(r.statement_id)) errors[`relations.${i}.statement_id`] = `No statement with the id ${r.statement_id}`;
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/**
 * Links each source, reusing a stored source with the same URL so that one
 * article is one source; the linked sources, by id.
 */
export async function attachSources(
  tx: Tx,
  statementId: number,
  sources: NewStatementInput['sources'],
  sharedSourceIds: number[] = [],
): Promise<Source[]> {
  const linked = await storeSources(tx, sources, sharedSourceIds);
  if (linked.length > 0) {
    await tx.statementSource.createMany({ data: linked.map((source) => ({ statementId, sourceId: source.id })) });
  }
  return linked;
}

/** The rows of `sharedSourceIds` and of each source (stored, or reused by URL: see storeSource), once each, by id. */
async function storeSources(tx: Tx, sources: NewStatementInput['sources'], sharedSourceIds: number[]): Promise<Source[]> {
  const rows = new Map<number, Source>();
  if (sharedSourceIds.length > 0) {
    for (const row of await tx.source.findMany({ where: { id: { in: sharedSourceIds } } })) rows.set(row.id, row);
  }
  for (const source of sources) {
    const row = await storeSourceRow(tx, source);
    rows.set(row.id, row);
  }
  return [...rows.values()].sort((a, b) => a.id - b.id);
}

/** The stored source with the same URL (one article is one source), or a new one; its id. */
export async function storeSource(tx: Tx, source: NewStatementInput['sources'][number]): Promise<number> {
  return (await storeSourceRow(tx, source)).id;
}

async function storeSourceRow(tx: Tx, source: NewStatementInput['sources'][number]): Promise<Source> {
  const existing = source.url ? await tx.source.findFirst({ where: { url: source.url }, orderBy: { id: 'asc' } }) : null;
  if (existing) return existing;
  return tx.source.create({
    data: {
      publisher: source.publisher,
      title: source.title ?? null,
      url: source.url ?? null,
      publishedOn: source.published_on?.date ?? null,
      publishedOnPrecision: source.published_on?.precision ?? null,
      archivedUrl: source.archived_url ?? null,
    },
  });
}
