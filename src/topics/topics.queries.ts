import type { Db } from '../db/client';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import { cardSelect, type CardRow } from '../statements/statement-card';
import { topicComparison, type ColumnKey } from './topics.comparison';
import { findTopic } from './topics.service';

export type ComparisonPaging = { column: ColumnKey | undefined; page: number };

/** Everything the comparison page reads: the topic, its four columns and one page of its statements. */
export async function topicPage(db: Db, slug: string, paging: ComparisonPaging, statementsPage: PageRequest) {
  const topic = await findTopic(db, slug);
  const [columns, statements] = await Promise.all([
    topicComparison(db, topic.id, paging),
    topicStatements(db, topic.id, statementsPage),
  ]);
  return { topic, columns, statements };
}

/** Every statement on the topic, oldest first and undated last, so that a shift reads top to bottom. */
export async function topicStatements(
  db: Db,
  topicId: number,
  page: PageRequest,
  sparseBelow = SPARSE_TOPIC,
): Promise<Page<CardRow>> {
  const ids = await topicStatementIds(db, topicId, pageWindow(page), sparseBelow);
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: cardSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return toPage(
    ids.flatMap((id) => byId.get(id) ?? []),
    page,
  );
}

/** Below this many positions a topic's statements are read positions first; from it on, by walking the date index. */
export const SPARSE_TOPIC = 5000;

/**
 * The order (said_on ASC NULLS LAST, id ASC) is that of
 * statements_said_on_id_asc_idx. On a busy topic, walking that index and keeping
 * the statements with a position on the topic stops after a page's worth; on
 * a rare topic the same walk reads most of the table, and reading its few
 * positions first is fast. PostgreSQL's estimates cannot tell the two apart
 * (it assumes a topic's statements are spread evenly over time), so a
 * bounded count picks the plan.
 */
async function topicStatementIds(
  db: Db,
  topicId: number,
  { skip, take }: { skip: number; take: number },
  sparseBelow: number,
): Promise<number[]> {
  const [probe] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM positions WHERE topic_id = ${topicId} LIMIT ${sparseBelow}) few`;
  const rows =
    probe!.n < sparseBelow
      ? await db.$queryRaw<{ id: number }[]>`
          WITH ids AS MATERIALIZED (SELECT statement_id FROM positions WHERE topic_id = ${topicId})
          SELECT s.id FROM statements s JOIN ids ON ids.statement_id = s.id
          ORDER BY s.said_on ASC NULLS LAST, s.id ASC OFFSET ${skip} LIMIT ${take}`
      : await db.$queryRaw<{ id: number }[]>`
          SELECT s.id FROM statements s
          WHERE EXISTS (SELECT 1 FROM positions p WHERE p.statement_id = s.id AND p.topic_id = ${topicId})
          ORDER BY s.said_on ASC NULLS LAST, s.id ASC OFFSET ${skip} LIMIT ${take}`;
  return rows.map((r) => r.id);
}
