/**
 * What every list repository takes: an optional compiled QQL filter, a validated sort, a
 * page, and an optional time window; and what it returns, `{data, count}` as in the API.
 */
import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.js';

/** A compiled QQL filter (or any boolean expression over the entity's main table). */
// biome-ignore lint/correctness/noUnusedVariables: T documents which table the filter is for
export type Filter<T extends keyof Database> = Expression<SqlBool>;

/** A compiled ORDER BY item (QQL's `qqlOrderBy` returns these); already ends with a tie-breaker. */
export interface OrderItem {
  readonly expression: Expression<unknown>;
  readonly direction: 'asc' | 'desc';
}

export interface SortKey {
  /** A key of the repository's `sortable` map (already validated by the caller). */
  key: string;
  direction: 'asc' | 'desc';
}

export interface ListQuery<T extends keyof Database> {
  filter?: Filter<T> | undefined;
  sort?: SortKey[] | undefined;
  /** Takes precedence over `sort`. */
  order?: readonly OrderItem[] | undefined;
  /** 1-based. */
  pageNo: number;
  pageSize: number;
  /** Epoch milliseconds, inclusive. */
  fromDate?: number | undefined;
  toDate?: number | undefined;
}

export interface Page<T> {
  data: T[];
  count: number;
  /** Present (true) when `count` is the cap, not the exact total: more rows match. */
  countIsEstimate?: true;
}

/**
 * Filtered totals are exact up to this many rows; beyond it the list says "at least
 * COUNT_CAP" (`countIsEstimate: true`). Counting every match of a broad filter over
 * millions of child rows costs seconds, and a user reading "10,000+" learns what an
 * exact 78,213 would tell them: narrow the filter. Pages beyond the cap still load.
 */
export const COUNT_CAP = 10_000;

/**
 * The total for a list: `rows` is the base query with every filter applied (and no page
 * window). Exact when `exact` (an unfiltered list: an index-only count of the customer's
 * rows), else exact up to COUNT_CAP and marked as an estimate beyond it.
 */
export async function countRows<T extends keyof Database, O>(
  db: Kysely<Database>,
  rows: SelectQueryBuilder<Database, T, O>,
  exact: boolean,
): Promise<Pick<Page<unknown>, 'count' | 'countIsEstimate'>> {
  const ones = rows.clearSelect().select(sql<number>`1`.as('one'));
  const limited = exact ? ones : ones.limit(COUNT_CAP + 1);
  const row = await db
    .selectFrom(limited.as('counted'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > COUNT_CAP && !exact ? { count: COUNT_CAP, countIsEstimate: true } : { count: n };
}

/** Whether a list query asks for every row of the customer (its total is cheap and exact). */
export function isUnfiltered(q: ListQuery<keyof Database>): boolean {
  return !q.filter && q.fromDate === undefined && q.toDate === undefined;
}

/** Timestamps the reference returns as strings of epoch milliseconds. */
export function msString(value: number | null): string | null {
  return value === null ? null : String(value);
}

export function severityCounts(row: {
  severity1_count: number;
  severity2_count: number;
  severity3_count: number;
  severity4_count: number;
  severity5_count: number;
}) {
  return {
    severity5Count: row.severity5_count,
    severity3Count: row.severity3_count,
    severity4Count: row.severity4_count,
    severity1Count: row.severity1_count,
    severity2Count: row.severity2_count,
  };
}

/**
 * Applies sort (then the id, so pages are stable) and the page window. `columns` maps sort
 * keys to column references of the base table.
 */
export function pageOf<T extends keyof Database, O>(
  query: SelectQueryBuilder<Database, T, O>,
  q: ListQuery<T>,
  columns: Record<string, string>,
  idColumn: string,
): SelectQueryBuilder<Database, T, O> {
  let out = query;
  if (q.order) {
    for (const item of q.order) {
      out = out.orderBy(item.expression, (ob) =>
        (item.direction === 'asc' ? ob.asc() : ob.desc()).nullsLast(),
      );
    }
    return out.limit(q.pageSize).offset((q.pageNo - 1) * q.pageSize);
  }
  for (const s of q.sort ?? []) {
    const column = columns[s.key];
    // Column names come from the repository's own map, never from the request.
    if (column) out = out.orderBy(sql.ref(column), s.direction);
  }
  return out
    .orderBy(sql.ref(idColumn))
    .limit(q.pageSize)
    .offset((q.pageNo - 1) * q.pageSize);
}
