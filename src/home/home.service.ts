import type { Db } from '../db/client';
import { cardSelect, toCard } from '../statements/statement-card';

export async function homePage(db: Db) {
  const [recent, topics, speakers] = await Promise.all([
    db.statement.findMany({ select: cardSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 10 }),
    db.topic.findMany({ select: { slug: true, name: true }, orderBy: { updatedAt: 'desc' }, take: 12 }),
    db.speaker.findMany({ select: { slug: true, name: true, kind: true }, orderBy: { updatedAt: 'desc' }, take: 12 }),
  ]);
  return { recent: recent.map(toCard), topics, speakers };
}
