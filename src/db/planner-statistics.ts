/**
 * Planner statistics of the embedded SQLite database. SQLite gathers none by itself:
 * without `sqlite_stat1` its planner takes every index for equally selective, and QQL plans
 * over hundreds of thousands of assets depend on those defaults (bench/qql-bench.ts).
 * SQLite's advice for long-lived connections, followed here: `PRAGMA optimize` once the
 * connection is open, periodically and before closing. It analyses only tables without
 * statistics or whose size changed a lot since, so most runs are no-ops.
 *
 * Full statistics, not sampled ones: SQLite's ANALYZE page suggests `analysis_limit=400`,
 * but measured on the QQL bench inventory (10,000 images, ~1M findings, one customer) the
 * sampled statistics read `customer_id` as selecting 401 of 10,000 images, and the bench's
 * SQLite queries went from ~2 minutes in all to not finishing in 12. So `analysis_limit=0`
 * (no limit) and the 0x10002 mask (analyse what needs it, check every table's size, and
 * no temporary limit — 0x10 is left out). The price is a rare full ANALYZE (about a minute
 * at 10 million findings) when a table first gets data or grows tenfold.
 *
 * PostgreSQL needs none of this: autovacuum's auto-analyze keeps `pg_statistic` current.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from './dialects.js';
import type { Database } from './schema.js';

export const ANALYSIS_LIMIT = 0;

/** How often the server's job queue refreshes the statistics (SQLite suggests hourly to daily). */
export const OPTIMIZE_EVERY_MS = 60 * 60_000;

export type OptimizeMoment = 'open' | 'periodic' | 'close';

export async function refreshPlannerStatistics(
  db: Kysely<Database>,
  dialect: DialectName,
  // The same work at every moment (open, hourly, close); callers name theirs for readers.
  _moment: OptimizeMoment,
): Promise<{ optimized: boolean }> {
  if (dialect !== 'sqlite') return { optimized: false };
  // Constants only: pragmas take no bound parameters.
  await sql.raw(`pragma analysis_limit = ${ANALYSIS_LIMIT}`).execute(db);
  await sql.raw('pragma optimize = 0x10002').execute(db);
  return { optimized: true };
}
