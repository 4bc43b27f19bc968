import type { PrismaClient, Tx } from '../db/client';
import { retryOnUniqueViolation } from '../db/retry';
import { parsePartialDate } from '../domain/partial-date';
import type { DatePrecision, RelationKind, Stance, StatementKind } from '../generated/prisma/enums';
import { ConflictError, NotFoundError } from '../http/errors';
import { checkVersion, EditConflictError, findRevision, recordRevision } from '../revisions/revisions.service';
import { statementSnapshot, type StatementSnapshot } from '../revisions/snapshots';
import { lockSpeakerStances, refreshCurrentStances } from './current-stance';
import type { NewStatementInput } from './statements.schema';
import { resolveSpeaker, resolveTopics, statementColumns } from './statements.service';
import { attachSources, checkRelationTargets } from './statements.parts';

// Editing, deleting and reverting a statement. Every write takes the same
// locks as recording one (per speaker, then per topic in id order), saves
// only on the version the editor started from, keeps the derived current
// stances, shifts and chart counts right for every (speaker, topic) pair it
// touched, and writes its revision in the same transaction.

type SourceRef = NewStatementInput['sources'][number] & { source_id?: number };

/** A statement's content with its speaker and topics already resolved to ids. */
export type StatementContent = {
  speakerId: number;
  kind: StatementKind;
  text: string;
  language: string;
  originalText: string | null;
  originalLanguage: string | null;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  place: string | null;
  context: string | null;
  attribution: string | null;
  sourceUnknown: boolean;
  positions: { topicId: number; stance: Stance; strength: number }[];
  sources: SourceRef[];
  relations: { kind: RelationKind; toId: number }[];
};

type Change = { action: 'update' | 'revert'; actorId: number | null; revertsRevisionId?: number };

/** Takes the stance locks of several speakers (in id order) and then of the topics, as lockSpeakerStances does for one. */
export async function lockStances(tx: Tx, speakerIds: number[], topicIds: number[]): Promise<void> {
  const speakers = [...new Set(speakerIds)].sort((a, b) => a - b);
  for (const [i, speakerId] of speakers.entries()) {
    await lockSpeakerStances(tx, speakerId, i === speakers.length - 1 ? topicIds : []);
  }
}

export async function requireStatement(tx: Tx, id: number): Promise<StatementSnapshot> {
  const found = await statementSnapshot(tx, id);
  if (!found) throw new NotFoundError(`No statement is recorded with the id ${id}`);
  return found;
}

/** The form's or the API's input, resolved: a new speaker or topic it names is created (with its own revision). */
async function contentFromInput(tx: Tx, id: number, input: NewStatementInput, actorId: number | null): Promise<StatementContent> {
  const speaker = await resolveSpeaker(tx, input.speaker, input.allow_similar_name, actorId);
  const topics = await resolveTopics(tx, input.positions, actorId);
  await checkRelationTargets(tx, input.relations, id);
  return {
    speakerId: speaker.id,
    ...statementColumns(input),
    sourceUnknown: input.source_unknown && input.sources.length === 0,
    positions: input.positions.map((p, i) => ({ topicId: topics[i]!.id, stance: p.stance, strength: p.strength })),
    sources: input.sources,
    relations: input.relations.map((r) => ({ kind: r.kind, toId: r.statement_id })),
  };
}

/**
 * A snapshot's content, for a revert or a restore: its speaker and topics by
 * id. Positions on topics deleted since are dropped, and so are relations to
 * statements that no longer exist; a speaker that is gone, or no topic left,
 * is a ConflictError.
 */
export async function contentFromSnapshot(tx: Tx, snap: StatementSnapshot, self: number): Promise<StatementContent> {
  const speaker =
    (await tx.speaker.findUnique({ where: { id: snap.speaker_id }, select: { id: true } })) ??
    (await tx.speakerRedirect
      .findUnique({ where: { oldSlug: snap.speaker }, select: { speakerId: true } })
      .then((r) => (r ? { id: r.speakerId } : null)));
  if (!speaker) throw new ConflictError(`The speaker of this version (${snap.speaker}) is no longer on record.`);
  const topicIds = new Set(
    (await tx.topic.findMany({ where: { id: { in: snap.positions.map((p) => p.topic_id) } }, select: { id: true } })).map(
      (t) => t.id,
    ),
  );
  const positions = snap.positions.filter((p) => topicIds.has(p.topic_id));
  if (positions.length === 0) throw new ConflictError('None of the topics of this version is still on record.');
  const targets = new Set(
    (await tx.statement.findMany({ where: { id: { in: snap.relations.map((r) => r.to_id) } }, select: { id: true } })).map(
      (s) => s.id,
    ),
  );
  const said = snap.said_on ? parsePartialDate(snap.said_on) : undefined;
  return {
    speakerId: speaker.id,
    kind: snap.kind as StatementKind,
    text: snap.text,
    language: snap.language,
    originalText: snap.original_text,
    originalLanguage: snap.original_language,
    saidOn: said?.date ?? null,
    saidOnPrecision: said?.precision ?? null,
    place: snap.place,
    context: snap.context,
    attribution: snap.attribution,
    sourceUnknown: snap.source_unknown,
    positions: positions.map((p) => ({ topicId: p.topic_id, stance: p.stance as Stance, strength: p.strength })),
    sources: snap.sources.map((s) => ({
      source_id: s.source_id,
      publisher: s.publisher,
      title: s.title ?? undefined,
      url: s.url ?? undefined,
      published_on: s.published_on ? parsePartialDate(s.published_on) : undefined,
      archived_url: s.archived_url ?? undefined,
    })),
    relations: snap.relations
      .filter((r) => r.to_id !== self && targets.has(r.to_id))
      .map((r) => ({ kind: r.kind as RelationKind, toId: r.to_id })),
  };
}

/** Links the sources: a stored source by its id when it is still there, otherwise as a new statement links them. */
export async function linkSources(tx: Tx, statementId: number, sources: SourceRef[]): Promise<void> {
  const ids = sources.map((s) => s.source_id).filter((id): id is number => id !== undefined);
  const stored = new Set((await tx.source.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
  const linked = [...new Set(ids.filter((id) => stored.has(id)))];
  if (linked.length > 0) await tx.statementSource.createMany({ data: linked.map((sourceId) => ({ statementId, sourceId })) });
  const rest = sources.filter((s) => s.source_id === undefined || !stored.has(s.source_id));
  const before = new Set(linked);
  // attachSources may reuse a source already linked above (same URL): skip those.
  const fresh = [];
  for (const s of rest) {
    const existing = s.url
      ? await tx.source.findFirst({ where: { url: s.url }, select: { id: true }, orderBy: { id: 'asc' } })
      : null;
    if (!existing || !before.has(existing.id)) fresh.push(s);
  }
  await attachSources(tx, statementId, fresh);
}

const scalarFields = (c: StatementContent) => ({
  speakerId: c.speakerId,
  kind: c.kind,
  text: c.text,
  language: c.language,
  originalText: c.originalText,
  originalLanguage: c.originalLanguage,
  saidOn: c.saidOn,
  saidOnPrecision: c.saidOnPrecision,
  place: c.place,
  context: c.context,
  attribution: c.attribution,
  sourceUnknown: c.sourceUnknown,
});

/** Writes positions, sources and outgoing relations of a statement whose old ones are gone. */
export async function writeParts(tx: Tx, id: number, c: StatementContent): Promise<void> {
  await tx.position.createMany({
    data: c.positions.map((p) => ({
      statementId: id,
      topicId: p.topicId,
      stance: p.stance,
      strength: p.strength,
      speakerId: c.speakerId,
      saidOn: c.saidOn,
    })),
  });
  await linkSources(tx, id, c.sources);
  if (c.relations.length > 0)
    await tx.statementRelation.createMany({
      data: c.relations.map((r) => ({ fromId: id, toId: r.toId, kind: r.kind })),
      skipDuplicates: true,
    });
}

/** Recomputes current stances and shifts for every (speaker, topic) pair a write touched, before and after it. */
export async function refreshPairs(tx: Tx, pairs: { speakerId: number; topicIds: number[] }[]): Promise<void> {
  const bySpeaker = new Map<number, Set<number>>();
  for (const { speakerId, topicIds } of pairs) {
    const set = bySpeaker.get(speakerId) ?? new Set<number>();
    topicIds.forEach((t) => set.add(t));
    bySpeaker.set(speakerId, set);
  }
  // No `changed` date: the shifts of each pair are rewritten whole, since the old and the new dates both matter.
  for (const [speakerId, topics] of bySpeaker) await refreshCurrentStances(tx, speakerId, [...topics]);
}

/**
 * Replaces a statement's content, on the version the editor started from:
 * `UPDATE … WHERE id AND version`, so that of two saves racing from one
 * version exactly one matches (the other waits for the first's row lock and
 * then matches nothing) and the other gets EditConflictError.
 */
async function writeStatement(tx: Tx, before: StatementSnapshot, c: StatementContent, expected: number, change: Change) {
  const oldTopics = before.positions.map((p) => p.topic_id);
  const newTopics = c.positions.map((p) => p.topicId);
  await lockStances(tx, [before.speaker_id, c.speakerId], [...oldTopics, ...newTopics]);
  const { count } = await tx.statement.updateMany({
    where: { id: before.id, version: expected },
    data: { ...scalarFields(c), version: { increment: 1 } },
  });
  if (count === 0) throw new EditConflictError('statement', await requireStatement(tx, before.id));
  await tx.position.deleteMany({ where: { statementId: before.id } });
  await tx.statementSource.deleteMany({ where: { statementId: before.id } });
  await tx.statementRelation.deleteMany({ where: { fromId: before.id } });
  await writeParts(tx, before.id, c);
  await refreshPairs(tx, [
    { speakerId: before.speaker_id, topicIds: oldTopics },
    { speakerId: c.speakerId, topicIds: newTopics },
  ]);
  const after = await requireStatement(tx, before.id);
  await recordRevision(tx, {
    entity: 'statement',
    entityId: before.id,
    action: change.action,
    version: after.version,
    actorId: change.actorId,
    before,
    after,
    revertsRevisionId: change.revertsRevisionId,
  });
  return { id: before.id, version: after.version };
}

/** Saves an edit made on version `expected`; EditConflictError when the statement has moved on since. */
export async function updateStatement(
  prisma: PrismaClient,
  id: number,
  input: NewStatementInput,
  expected: number,
  actorId: number | null,
) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const before = await requireStatement(tx, id);
      checkVersion('statement', before, expected);
      const content = await contentFromInput(tx, id, input, actorId);
      return writeStatement(tx, before, content, expected, { action: 'update', actorId });
    }),
  );
}

/** Brings back the content of an earlier revision of this statement, as a new revision (`revert`). */
export async function revertStatement(
  prisma: PrismaClient,
  id: number,
  revisionId: number,
  expected: number,
  actorId: number | null,
) {
  return prisma.$transaction(async (tx) => {
    const revision = await findRevision(tx, revisionId);
    if (!revision || revision.entity !== 'statement' || revision.entityId !== id)
      throw new NotFoundError(`Statement #${id} has no revision ${revisionId}`);
    const before = await requireStatement(tx, id);
    checkVersion('statement', before, expected);
    const content = await contentFromSnapshot(tx, revision.snapshot as unknown as StatementSnapshot, id);
    return writeStatement(tx, before, content, expected, { action: 'revert', actorId, revertsRevisionId: revisionId });
  });
}

/**
 * Deletes a statement with its positions, source links and relations (in
 * both directions), recomputes its speaker's stances on its topics, and keeps
 * everything a restore needs in the `delete` revision's snapshot: the trash.
 * `expected` (optional) is the version the editor saw.
 */
export async function deleteStatement(prisma: PrismaClient, id: number, expected: number | undefined, actorId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await requireStatement(tx, id);
    checkVersion('statement', before, expected);
    const topicIds = before.positions.map((p) => p.topic_id);
    await lockStances(tx, [before.speaker_id], topicIds);
    const { count } = await tx.statement.deleteMany({ where: { id, version: before.version } });
    if (count === 0) {
      const now = await statementSnapshot(tx, id);
      if (!now) throw new NotFoundError(`Statement #${id} was deleted meanwhile`);
      throw new EditConflictError('statement', now);
    }
    await refreshPairs(tx, [{ speakerId: before.speaker_id, topicIds }]);
    return recordRevision(tx, {
      entity: 'statement',
      entityId: id,
      action: 'delete',
      version: before.version,
      actorId,
      before,
      after: null,
    });
  });
}
