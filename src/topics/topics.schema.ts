import { z } from 'zod';
import { newTopicInput, optionalLine } from '../statements/statements.schema';
import { COLUMN_KEYS } from './topics.comparison';

/** The topic form and `POST /api/v1/topics`: name, description, parent slug. */
export const topicFormInput = newTopicInput;

export type TopicFormInput = z.output<typeof topicFormInput>;

/** `?q=`: a name filter; on the page a stray value just means "no filter". */
export const topicFilterQuery = z.object({ q: optionalLine(100) });
export const topicFilterPageQuery = z.object({ q: optionalLine(100).catch(undefined) });

export type TopicFilter = z.output<typeof topicFilterQuery>;

/** `?column=supports&page=2` turns one comparison column; without `column`, `page` turns the statement list. */
export const comparisonPageQuery = z.object({
  column: z.enum(COLUMN_KEYS).optional().catch(undefined),
});
