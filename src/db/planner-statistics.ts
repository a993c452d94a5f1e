/**
 * Planner statistics of the embedded SQLite database. SQLite gathers none by itself:
 * without `sqlite_stat1` its planner takes every index for equally selective, and QQL plans
 * over hundreds of thousands of assets depend on those defaults (bench/qql-bench.ts). SQLite's
 * advice for long-lived connections, followed here: `PRAGMA optimize=0x10002` once the
 * connection is open (0x10000: look at every table, the new connection has used none yet),
 * plain `PRAGMA optimize` periodically and before closing — each after
 * `PRAGMA analysis_limit=400`, the value its ANALYZE documentation suggests, so an ANALYZE
 * samples a bounded number of rows per index and stays quick on millions of findings.
 * `optimize` analyses only tables without statistics or whose size changed a lot since, so
 * the periodic run is usually a no-op.
 *
 * PostgreSQL needs none of this: autovacuum's auto-analyze keeps `pg_statistic` current.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from './dialects.js';
import type { Database } from './schema.js';

export const ANALYSIS_LIMIT = 400;

/** How often the server's job queue refreshes the statistics (SQLite suggests hourly to daily). */
export const OPTIMIZE_EVERY_MS = 60 * 60_000;

export type OptimizeMoment = 'open' | 'periodic' | 'close';

export async function refreshPlannerStatistics(
  db: Kysely<Database>,
  dialect: DialectName,
  moment: OptimizeMoment,
): Promise<{ optimized: boolean }> {
  if (dialect !== 'sqlite') return { optimized: false };
  // Constants only: pragmas take no bound parameters.
  await sql.raw(`pragma analysis_limit = ${ANALYSIS_LIMIT}`).execute(db);
  await sql.raw(moment === 'open' ? 'pragma optimize = 0x10002' : 'pragma optimize').execute(db);
  return { optimized: true };
}
