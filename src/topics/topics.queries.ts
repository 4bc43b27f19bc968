import type { Db } from '../db/client';
import type { PageRequest } from '../http/pagination';
import { topicComparison, type ColumnKey } from './topics.comparison';
import { findTopic, topicStatements } from './topics.service';

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
