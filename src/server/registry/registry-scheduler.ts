/**
 * The `registry-schedules` job (every minute; in-process on SQLite, pg-boss on PostgreSQL,
 * so one replica runs each tick): fires DAILY schedules that are due by the job clock,
 * lists the queued jobs (expand-job.ts), and fails Running jobs whose sensor went silent.
 * Idempotent: a schedule fires only by moving its `next_run_at` forward with
 * compare-and-set, so a tick run twice creates one job.
 */
import type { Kysely } from 'kysely';
import {
  activeJobOfSchedule,
  createJob,
  finishJob,
  staleJobs,
  unexpandedJobs,
} from '../../db/repositories/registry-jobs-repository.js';
import { dueSchedules } from '../../db/repositories/registry-schedules-repository.js';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';
import { type ExpandDeps, expandJob } from './expand-job.js';
import { nextDailyRun } from './schedule-rules.js';

/** A Running job without any report for this long is given up (its sensor died). */
export const STALE_JOB_MS = 2 * 3_600_000;

export interface SchedulerResult {
  fired: number;
  skipped: number;
  listed: number;
  abandoned: number;
}

export async function runRegistrySchedules(db: Kysely<Database>, deps: ExpandDeps): Promise<SchedulerResult> {
  const now = deps.now();
  const result: SchedulerResult = { fired: 0, skipped: 0, listed: 0, abandoned: 0 };
  for (const s of await dueSchedules(db, now)) {
    const scope = new TenantScope(db, s.customer_id);
    const next = nextDailyRun(now, s.time_of_day ?? '00:00', s.time_zone ?? 'UTC');
    const moved = await scope
      .updateTable('registry_schedules')
      .set({ next_run_at: next })
      .where('id', '=', s.id)
      .where('next_run_at', '<=', now)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) continue;
    // Yesterday's run still going: today's is skipped rather than stacked behind it.
    if (await activeJobOfSchedule(scope, s.id)) {
      result.skipped++;
      continue;
    }
    await createJob(scope, s.registry_uuid, s.id, now);
    result.fired++;
  }
  for (const job of await unexpandedJobs(db)) {
    await expandJob(deps, new TenantScope(db, job.customer_id), job);
    result.listed++;
  }
  for (const job of await staleJobs(db, now - STALE_JOB_MS)) {
    const scope = new TenantScope(db, job.customer_id);
    if (await finishJob(scope, job.id, 'Failed', 'the registry sensor stopped reporting progress', now))
      result.abandoned++;
  }
  return result;
}
