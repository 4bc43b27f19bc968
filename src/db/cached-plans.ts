import { Prisma } from '../generated/prisma/client';

// PostgreSQL plans each query it is sent, for the parameters it is sent with.
// For the few queries every write runs, planning costs more than running them
// (BENCHMARKS.md: 1–2 ms each at a million statements, against 0.3–0.8 ms of
// work), so those are sent as named prepared statements, whose plan each
// connection keeps. Only queries marked with CACHED_PLAN are: PostgreSQL may
// switch a kept statement to a generic plan (one for any parameters), so a
// query is marked only once its generic plan has been seen to be as good as
// its custom ones (EXPLAIN ANALYZE EXECUTE under plan_cache_mode =
// force_generic_plan, on the million-statement corpus).

const MARK = '/* cached plan */';

/** Put first in a raw query (`${CACHED_PLAN} SELECT …`) to keep its plan per connection. */
export const CACHED_PLAN = Prisma.raw(MARK);

const names = new Map<string, string>();

/**
 * The prepared statement's name for a marked query, one per distinct text; ''
 * (an unnamed statement, planned for its parameters each time) for the rest.
 */
export function statementName({ sql }: { sql: string }): string {
  if (!sql.trimStart().startsWith(MARK)) return '';
  let name = names.get(sql);
  if (!name) {
    name = `on_record_${names.size + 1}`;
    names.set(sql, name);
  }
  return name;
}
