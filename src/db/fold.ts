/**
 * The case fold the folded indexes are built on (migrations 0002, 0010, 0013, 0014): a query
 * must spell the expression exactly as the index does for the planner to use it. PostgreSQL
 * folds in the "C" collation so `like` prefixes can use the index.
 */
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DialectName } from './dialects.js';

export function folded<T>(dialect: DialectName, expr: RawBuilder<T>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`lower(${expr} collate "C")` : sql<string>`lower(${expr})`;
}

/** The dialect a Kysely instance speaks, for the few queries whose SQL must differ. */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
