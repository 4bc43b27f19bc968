import type { Db, PrismaClient, Tx } from '../db/client';
import { literalLike } from '../db/like-pattern';
import { retryOnUniqueViolation } from '../db/retry';
import { uniqueSlug } from '../domain/slug';
import { NotFoundError, ValidationError } from '../http/errors';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { TopicFilter, TopicFormInput } from './topics.schema';
import { recordRevision } from '../revisions/revisions.service';
import { topicSnapshot } from '../revisions/snapshots';

export type NewTopic = { name: string; description?: string | undefined; parent?: string | undefined };

/** Creates a topic inside the caller's transaction; `field` names the input when the parent is unknown. */
export async function createTopic(
  tx: Tx,
  input: NewTopic,
  field = 'parent',
  actorId: number | null = null,
): Promise<{ id: number; slug: string; name: string }> {
  let parentId: number | undefined;
  if (input.parent) {
    parentId = await findTopicIdBySlugOrName(tx, input.parent);
    if (parentId === undefined) throw new ValidationError({ [field]: `No topic has the slug or the name "${input.parent}"` });
  }
  const slug = await uniqueSlug(input.name, async (s) => (await tx.topic.count({ where: { slug: s } })) > 0);
  const created = await tx.topic.create({
    data: { slug, name: input.name, description: input.description ?? null, parentId: parentId ?? null },
    select: { id: true, slug: true, name: true },
  });
  const after = await topicSnapshot(tx, { id: created.id });
  await recordRevision(tx, { entity: 'topic', entityId: created.id, action: 'create', version: 1, actorId, before: null, after });
  return created;
}

/** The topic form and the API: one topic, in its own transaction. */
export async function addTopic(
  prisma: PrismaClient,
  input: TopicFormInput,
  actorId: number | null = null,
): Promise<{ id: number; slug: string }> {
  return retryOnUniqueViolation(() => prisma.$transaction((tx) => createTopic(tx, input, 'parent', actorId)));
}

/** A topic named by its slug or, failing that, by its exact name ignoring case (the oldest such topic). */
export async function findTopicIdBySlugOrName(db: Db, reference: string): Promise<number | undefined> {
  const bySlug = await findTopicId(db, reference);
  if (bySlug !== undefined) return bySlug;
  const [byName] = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM topics WHERE lower(name) = lower(${reference}) ORDER BY id LIMIT 1`;
  return byName?.id;
}

export async function findTopicId(db: Db, slug: string): Promise<number | undefined> {
  const row = await db.topic.findUnique({ where: { slug }, select: { id: true } });
  return row?.id;
}

export type TopicRef = { slug: string; name: string };
export type TopicSummary = TopicRef & { description: string | null; parent: TopicRef | null };

/** Topics by name, optionally matching a name; one page, no count. */
export async function listTopics(db: Db, filter: TopicFilter, page: PageRequest): Promise<Page<TopicSummary>> {
  const rows = await db.topic.findMany({
    where: filter.q ? { name: { contains: literalLike(filter.q), mode: 'insensitive' } } : {},
    select: { slug: true, name: true, description: true, parent: { select: { slug: true, name: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageWindow(page),
  });
  return toPage(rows, page);
}

export const CHILDREN_SHOWN = 100;
const MAX_DEPTH = 20;

export type TopicDetail = TopicSummary & { id: number; ancestors: TopicRef[]; children: TopicRef[] };

/** One topic with its ancestors (root first) and (the first of) its children; NotFoundError when unknown. */
export async function findTopic(db: Db, slug: string): Promise<TopicDetail> {
  const topic = await db.topic.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, description: true, parentId: true },
  });
  if (!topic) throw new NotFoundError(`No topic with the slug "${slug}" is on record`);
  const [ancestors, children] = await Promise.all([
    topicAncestors(db, topic.parentId),
    db.topic.findMany({
      where: { parentId: topic.id },
      select: { slug: true, name: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: CHILDREN_SHOWN,
    }),
  ]);
  const { parentId: _parentId, ...fields } = topic;
  return { ...fields, parent: ancestors.at(-1) ?? null, ancestors, children };
}

/** The chain from the root down to `parentId`, in one query. */
async function topicAncestors(db: Db, parentId: number | null): Promise<TopicRef[]> {
  if (parentId === null) return [];
  return db.$queryRaw<TopicRef[]>`
    WITH RECURSIVE up AS (
      SELECT id, slug, name, parent_id, 1 AS depth FROM topics WHERE id = ${parentId}
      UNION ALL
      SELECT t.id, t.slug, t.name, t.parent_id, up.depth + 1
      FROM topics t JOIN up ON t.id = up.parent_id
      WHERE up.depth < ${MAX_DEPTH}
    )
    SELECT slug, name FROM up ORDER BY depth DESC`;
}

export const PARENT_CHOICES = 200;

/** Topics offered as parents on the form (the field takes any slug). */
export async function parentChoices(db: Db): Promise<TopicRef[]> {
  return db.topic.findMany({
    select: { slug: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: PARENT_CHOICES,
  });
}
