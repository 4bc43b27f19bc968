import type { Db, Tx } from '../db/client';
import { uniqueSlug } from '../domain/slug';
import { ValidationError } from '../http/errors';

export type NewTopic = { name: string; description?: string | undefined; parent?: string | undefined };

/** Creates a topic inside the caller's transaction; `field` names the input when the parent slug is unknown. */
export async function createTopic(tx: Tx, input: NewTopic, field = 'parent'): Promise<{ id: number; slug: string }> {
  let parentId: number | undefined;
  if (input.parent) {
    const parent = await tx.topic.findUnique({ where: { slug: input.parent }, select: { id: true } });
    if (!parent) throw new ValidationError({ [field]: `No topic with the slug "${input.parent}"` });
    parentId = parent.id;
  }
  const slug = await uniqueSlug(input.name, async (s) => (await tx.topic.count({ where: { slug: s } })) > 0);
  return tx.topic.create({
    data: { slug, name: input.name, description: input.description ?? null, parentId: parentId ?? null },
    select: { id: true, slug: true },
  });
}

export async function findTopicId(db: Db, slug: string): Promise<number | undefined> {
  const row = await db.topic.findUnique({ where: { slug }, select: { id: true } });
  return row?.id;
}
