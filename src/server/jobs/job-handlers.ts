/**
 * What each background job does, whoever runs it (in-process timers or pg-boss). Every run
 * is logged in `job_runs` with the process that ran it, so operators (and the scale-out
 * tests) can see that a job ran once, and where.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { updateAdvisories } from '../../core/advisory/update.js';
import type { DialectName } from '../../db/dialects.js';
import { refreshPlannerStatistics } from '../../db/planner-statistics.js';
import type { SecretSealer } from '../../db/repositories/registries-repository.js';
import { markSilentSensorsUnknown } from '../../db/repositories/sensor-identity-repository.js';
import type { Database } from '../../db/schema.js';
import type { AdvisorySource } from '../matching/advisory-source.js';
import { rematchInventory } from '../matching/rematch.js';
import { runRegistrySchedules } from '../registry/registry-scheduler.js';
import { SecretBox } from '../registry/secret-box.js';
import { purgeRetention } from './retention-purge.js';

export const JOB_NAMES = [
  'retention-purge',
  'rematch',
  'db-update',
  'sensor-liveness',
  'registry-schedules',
  'planner-statistics',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobContext {
  db: Kysely<Database>;
  /** Absent: jobs that differ by dialect (planner statistics) do nothing. */
  dialect?: DialectName;
  advisories: AdvisorySource;
  /** The clock every job reads (tests pin it). */
  now: () => number;
  /** This process, as `job_runs.runner` shows it. */
  runner: string;
  /** `db update` options (a mirror URL or directory for air-gapped sites). */
  dbUpdate?: { source?: string; ecosystems?: string[] };
  /** A sensor silent for longer than this becomes UNKNOWN (default 30 minutes). */
  sensorSilentMs?: number;
  /** Opens registry secrets for the registry scan scheduler (issue 12). */
  secrets?: SecretSealer;
  /** Test hook: called inside a run before it finishes (a replica "dies" here). */
  onRunning?: (name: JobName) => Promise<void>;
}

async function work(name: JobName, ctx: JobContext): Promise<unknown> {
  switch (name) {
    case 'retention-purge':
      return purgeRetention(ctx.db, ctx.now());
    case 'sensor-liveness':
      return {
        unknown: await markSilentSensorsUnknown(ctx.db, ctx.sensorSilentMs ?? 30 * 60_000, ctx.now()),
      };
    case 'rematch':
      return rematchInventory(ctx.db, ctx.advisories, { now: ctx.now });
    case 'registry-schedules':
      // Without a box of its own the key is read from the environment, and only if a secret is opened.
      return runRegistrySchedules(ctx.db, { secrets: ctx.secrets ?? SecretBox.fromSource({}), now: ctx.now });
    case 'planner-statistics':
      // SQLite only (in-process queue); PostgreSQL's autovacuum analyses by itself.
      return ctx.dialect ? refreshPlannerStatistics(ctx.db, ctx.dialect, 'periodic') : { optimized: false };
    case 'db-update': {
      const summary = await updateAdvisories(ctx.advisories.path, {
        ...(ctx.dbUpdate?.source ? { source: ctx.dbUpdate.source } : {}),
        ...(ctx.dbUpdate?.ecosystems ? { ecosystems: ctx.dbUpdate.ecosystems } : {}),
      });
      // A new database: the inventory is re-matched right away, no rescans.
      const rematch = await rematchInventory(ctx.db, ctx.advisories, { now: ctx.now });
      return { totalRecords: summary.totalRecords, rematch };
    }
  }
}

export async function runJob(name: JobName, ctx: JobContext): Promise<unknown> {
  const id = randomUUID();
  await ctx.db
    .insertInto('job_runs')
    .values({
      id,
      name,
      state: 'RUNNING',
      runner: ctx.runner,
      started_at: Date.now(),
      finished_at: null,
      result_json: null,
    })
    .execute();
  try {
    await ctx.onRunning?.(name);
    const result = await work(name, ctx);
    await ctx.db
      .updateTable('job_runs')
      .set({ state: 'COMPLETED', finished_at: Date.now(), result_json: JSON.stringify(result) })
      .where('id', '=', id)
      .execute();
    return result;
  } catch (err) {
    await ctx.db
      .updateTable('job_runs')
      .set({ state: 'FAILED', finished_at: Date.now(), result_json: JSON.stringify({ error: String(err) }) })
      .where('id', '=', id)
      .execute();
    throw err;
  }
}
