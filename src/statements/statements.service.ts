import { Prisma, type Db, type PrismaClient, type Tx } from '../db/client';
import type { Source } from '../generated/prisma/client';
import { literalLike } from '../db/like-pattern';
import { retryOnUniqueViolation } from '../db/retry';
import { ConflictError, ValidationError } from '../http/errors';
import { createSpeaker } from '../speakers/speakers.service';
import { createTopic } from '../topics/topics.service';
import { refuseSimilarSpeaker } from '../speakers/speakers.lookup';
import { refreshCall } from './current-stance';
import { insertUnlessDuplicate, lookUpRefs, type SpeakerRef, type TopicRef, type Written } from './statements.insert';
import { forgetRefs, keepRefs, keptRefs } from './write-refs';
import { DuplicateStatementError, toMatches } from './statements.duplicates';
import type { NewStatementInput } from './statements.schema';
import { toStatementSnapshot } from '../revisions/snapshots';
import { checkRelationTargets, storeSources } from './statements.parts';
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
  // With nothing to store before it, the write is one statement, atomic on
  // its own: no transaction, and so no BEGIN and COMMIT round trips.
  if (writesOnlyTheStatement(input)) return recordStatement(prisma, input, actorId);
  return retryOnUniqueViolation(() => prisma.$transaction((tx) => recordStatement(tx, input, actorId)));
}

/** Whether recording `input` stores nothing but the statement's own write: speaker and topics given by slug, no sources. */
function writesOnlyTheStatement(input: NewStatementInput): boolean {
  return givenBySlugs(input) && input.sources.length === 0;
}

/** Whether the speaker and every topic are given by slug (as API clients do): then they are looked up, never created. */
function givenBySlugs(input: NewStatementInput): input is NewStatementInput & { speaker: string } {
  return typeof input.speaker === 'string' && input.positions.every((p) => typeof p.topic === 'string');
}

/**
 * createStatement's work inside the caller's transaction, so that several
 * statements (an article's, reviewed at once) are written or rolled back
 * together. `sharedSourceIds` are sources already stored in this transaction,
 * linked besides `input.sources` (one article, one source, even without a URL).
 */
export async function recordStatement(
  tx: Db,
  input: NewStatementInput,
  actorId: number | null,
  sharedSourceIds: number[] = [],
): Promise<CreatedStatement> {
  const sources = await resolveParts(tx, input, sharedSourceIds);
  let refs = await resolveRefs(tx, input, actorId);
  let result = await writeStatement(tx, input, actorId, sources, refs);
  if (result.outcome === 'stale' && refs.kept && givenBySlugs(input)) {
    // A kept row was out of date (see write-refs.ts): read them and write again.
    forgetRefs(input.speaker, topicSlugsOf(input));
    refs = await resolveRefs(tx, input, actorId, { fresh: true });
    result = await writeStatement(tx, input, actorId, sources, refs);
  }
  if (result.outcome === 'stale') {
    // Rows just read changed before the write: a rename racing this request.
    throw new ConflictError('The speaker or a topic was changed while this statement was being recorded: send it again.');
  }
  if (result.outcome === 'duplicate') throw new DuplicateStatementError(toMatches(result.duplicates));
  const record = { ...result.written, id: result.id, createdAt: result.createdAt };
  return { id: result.id, speakerSlug: refs.speaker.slug, topicSlugs: refs.topics.map((t) => t.slug), record };
}

type Refs = { speaker: SpeakerRef; topics: TopicRef[]; kept: boolean };

/** The statement's write (insertUnlessDuplicate) with the given speaker, topics and sources; `written` is what it recorded. */
async function writeStatement(tx: Db, input: NewStatementInput, actorId: number | null, sources: Source[], refs: Refs) {
  const { speaker, topics } = refs;
  const positions = input.positions.map((p, i) => ({ topicId: topics[i]!.id, stance: p.stance, strength: p.strength }));
  const topicIds = positions.map((p) => p.topicId);
  // In the orders a read gives: positions and relations by id (inserted in input order), sources by id.
  // The id and creation time are the write's: placeholders until it answers.
  const written: Written = {
    id: 0,
    version: 1,
    speakerId: speaker.id,
    ...statementColumns(input),
    sourceUnknown: input.source_unknown && sources.length === 0,
    createdAt: new Date(0),
    speaker: { slug: speaker.slug, name: speaker.name, kind: speaker.kind },
    positions: positions.map((p, i) => ({ ...p, topic: { slug: topics[i]!.slug, name: topics[i]!.name } })),
    sources: sources.map((source) => ({ source })),
    relationsFrom: input.relations.map((r) => ({ kind: r.kind, toId: r.statement_id })),
    // Nothing can point at a statement before its transaction commits.
    relationsTo: [],
  };
  const result = await insertUnlessDuplicate(tx, written, {
    positions,
    sourceIds: sources.map((x) => x.id),
    revision: {
      entity: 'statement',
      entityId: 0,
      action: 'create',
      version: 1,
      actorId,
      before: null,
      after: toStatementSnapshot(written),
    },
    topicIds,
    // Under the speaker's lock, so that two identical statements sent at once
    // cannot both pass. A recorded silence repeats its words by nature ("No
    // immediate comment"): its topics tell it apart.
    checkDuplicates: !input.allow_duplicate && input.kind !== 'no_comment',
    // Each topic once: resolveRefs refuses a topic listed twice.
    refresh: (statementId) => refreshCall(speaker.id, topicIds, { saidOn: input.said_on?.date ?? null, statementId }),
  });
  return { ...result, written };
}

const topicSlugsOf = (input: NewStatementInput): string[] =>
  input.positions.flatMap((p) => (typeof p.topic === 'string' ? [p.topic] : []));

/** The related statements checked, and the sources stored (or reused): once per statement, whatever the write's retries. */
async function resolveParts(tx: Db, input: NewStatementInput, sharedSourceIds: number[]): Promise<Source[]> {
  await checkRelationTargets(tx, input.relations);
  return storeSources(tx, input.sources, sharedSourceIds);
}

/**
 * The statement's speaker and topics, found or created. When the speaker and
 * every topic are given by slug (as API clients do), the rows kept from an
 * earlier write by the same slugs (write-refs.ts; `kept`), unless `fresh`,
 * or else all of them in one lookup. A speaker or topic is created only
 * inside a transaction (see createStatement).
 */
async function resolveRefs(tx: Db, input: NewStatementInput, actorId: number | null, { fresh = false } = {}): Promise<Refs> {
  if (givenBySlugs(input)) {
    const topicSlugs = topicSlugsOf(input);
    const kept = fresh ? undefined : keptRefs(input.speaker, topicSlugs);
    if (kept) {
      refuseRepeatedTopics(kept.topics);
      return { ...kept, kept: true };
    }
    const found = await lookUpRefs(tx, input.speaker, topicSlugs);
    const errors: Record<string, string> = {};
    if (!found.speaker) errors.speaker = `No speaker with the slug "${input.speaker}"`;
    topicSlugs.forEach((slug, i) => {
      if (!found.topics[i]) errors[`positions.${i}.topic`] = `No topic with the slug "${slug}"`;
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const topics = found.topics as TopicRef[];
    refuseRepeatedTopics(topics);
    keepRefs(input.speaker, found.speaker!, topicSlugs, topics);
    return { speaker: found.speaker!, topics, kept: false };
  }
  const speaker = await resolveSpeaker(tx, input.speaker, input.allow_similar_name, actorId);
  const topics = await resolveTopics(tx, input.positions, actorId);
  return { speaker, topics, kept: false };
}

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
  refuseRepeatedTopics(refs);
  return refs;
}

/** A topic may be listed once per statement. */
function refuseRepeatedTopics(refs: TopicRef[]): void {
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  refs.forEach((ref, i) => {
    if (seen.has(ref.id)) errors[`positions.${i}.topic`] = 'This topic is already listed above';
    seen.add(ref.id);
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
