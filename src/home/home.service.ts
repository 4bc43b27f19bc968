import type { Db } from '../db/client';
import { recentShifts } from '../history/history.queries';
import { recentShiftsView } from '../history/history.view';
import { cardSelect, toCard } from '../statements/statement-card';

/** How many recent stance shifts the home page lists. */
export const HOME_SHIFTS = 8;

export async function homePage(db: Db) {
  const [recent, topics, speakers, shifts] = await Promise.all([
    db.statement.findMany({ select: cardSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 10 }),
    db.topic.findMany({ select: { slug: true, name: true }, orderBy: { updatedAt: 'desc' }, take: 12 }),
    db.speaker.findMany({ select: { slug: true, name: true, kind: true }, orderBy: { updatedAt: 'desc' }, take: 12 }),
    recentShifts(db, { limit: HOME_SHIFTS }),
  ]);
  return { recent: recent.map(toCard), topics, speakers, shifts: recentShiftsView(shifts) };
}
