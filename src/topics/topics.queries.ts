import type { Db } from '../db/client';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import { cardSelect, type CardRow } from '../statements/statement-card';
import { recentShifts } from '../history/history.queries';
import { topicStanceMonths } from '../history/stance-chart';
import { topicComparison, type ColumnKey } from './topics.comparison';
import { findTopic } from './topics.service';

export type ComparisonPaging = { column: ColumnKey | undefined; page: number };

/** How many recent shifts a topic page lists. */
export const TOPIC_SHIFTS = 10;

/**
 * Everything the comparison page reads: the topic, its four columns, one page
 * of its statements, its latest stance shifts and its chart's monthly counts.
 */
export async function topicPage(db: Db, slug: string, paging: ComparisonPaging, statementsPage: PageRequest) {
  const topic = await findTopic(db, slug);
  const [columns, statements, shifts, months] = await Promise.all([
    topicComparison(db, topic.id, paging),
    topicStatements(db, topic.id, statementsPage),
    recentShifts(db, { topicId: topic.id, limit: TOPIC_SHIFTS }),
    topicStanceMonths(db, topic.id),
  ]);
  return { topic, columns, statements, shifts, months };
}

/** Every statement on the topic, oldest first and undated last, so that a shift reads top to bottom. */
export async function topicStatements(db: Db, topicId: number, page: PageRequest): Promise<Page<CardRow>> {
  const { skip, take } = pageWindow(page);
  // The positions index (topic, date, statement) gives this order directly,
  // and holds every column read: an index-only walk, however deep the page
  // (Prisma would read positions.id too, from the table: page 1,000 of the
  // busiest topic at 1M took 180 ms that way, 4 ms this way).
  const ids = (
    await db.$queryRaw<{ id: number }[]>`
      SELECT statement_id AS id FROM positions WHERE topic_id = ${topicId}
      ORDER BY said_on ASC NULLS LAST, statement_id ASC OFFSET ${skip} LIMIT ${take}`
  ).map((p) => p.id);
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: cardSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return toPage(
    ids.flatMap((id) => byId.get(id) ?? []),
    page,
  );
}
