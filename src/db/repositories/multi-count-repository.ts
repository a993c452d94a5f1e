/**
 * Several counts of one table in one scan: `sum(case when <filter_i> then 1 else 0 end)` for
 * each filter. A dashboard widget's segments (five severities, twelve trend buckets) then
 * cost one query instead of one per segment, with exactly the numbers each segment's list
 * request would count (`count(*) … where <filter_i>`).
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { TenantScope } from '../tenant.js';

export type CountedTable = 'images' | 'containers' | 'events' | 'sensors';

export async function countEach(
  scope: TenantScope,
  table: CountedTable,
  filters: Expression<SqlBool>[],
): Promise<number[]> {
  if (filters.length === 0) return [];
  const sums = filters.map((f, i) =>
    sql<number | string | null>`sum(case when ${f} then 1 else 0 end)`.as(`c${i}`),
  );
  // Rows matching none of the filters cannot change any sum; the OR lets an index narrow the scan.
  const any = sql<SqlBool>`(${sql.join(filters, sql` or `)})`;
  const row = (await scope.selectFrom(table).select(sums).where(any).executeTakeFirst()) as
    | Record<string, number | string | null>
    | undefined;
  return filters.map((_, i) => Number(row?.[`c${i}`] ?? 0));
}
