/**
 * Scan schedules of a registry: ON_DEMAND (runs when created or asked to) and DAILY (every
 * day at `time_of_day` in `time_zone`, `next_run_at` precomputed by the server), with the
 * repositories or images they cover (`filters`), a tag filter and "only images pushed in
 * the last N days". The status follows the latest scan job (registry-jobs-repository.ts).
 */
import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../../core/errors.js';
import type { RegistrySchedulesTable, ScheduleStatus } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { msString } from './list-query.js';

export interface ScheduleFilter {
  repo: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

export interface ScheduleInput {
  name: string;
  scheduleType: 'ON_DEMAND' | 'DAILY';
  timeOfDay?: string | undefined;
  timeZone?: string | undefined;
  filters: ScheduleFilter[];
  tagFilter?: string | undefined;
  tagFilterType?: 'glob' | 'regex' | undefined;
  pushedWithinDays?: number | undefined;
  /** DAILY: when it fires first (computed by the caller from the clock). */
  nextRunAt?: number | null | undefined;
}

export function toSchedule(r: RegistrySchedulesTable) {
  return {
    scheduleUuid: r.id,
    registryUuid: r.registry_uuid,
    name: r.name,
    scheduleType: r.schedule_type,
    timeOfDay: r.time_of_day,
    timeZone: r.time_zone ?? 'UTC',
    filters: JSON.parse(r.filters_json) as ScheduleFilter[],
    tagFilter: r.tag_filter,
    tagFilterType: r.tag_filter ? (r.tag_filter_kind ?? 'glob') : null,
    pushedWithinDays: r.pushed_within_days,
    status: r.status,
    created: msString(r.created_at),
    updated: msString(r.updated_at),
    lastRun: msString(r.last_run),
    nextRun: msString(r.next_run_at),
  };
}

export async function listSchedules(scope: TenantScope, registryUuid: string) {
  const rows = await scope
    .selectFrom('registry_schedules')
    .selectAll()
    .where('registry_uuid', '=', registryUuid)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSchedule);
}

export async function scheduleRow(scope: TenantScope, registryUuid: string, id: string) {
  return (
    (await scope
      .selectFrom('registry_schedules')
      .selectAll()
      .where('registry_uuid', '=', registryUuid)
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

function columns(input: ScheduleInput) {
  return {
    name: input.name,
    schedule_type: input.scheduleType,
    time_of_day: input.timeOfDay ?? null,
    time_zone: input.timeZone ?? null,
    filters_json: JSON.stringify(input.filters),
    tag_filter: input.tagFilter ?? null,
    tag_filter_kind: input.tagFilter ? (input.tagFilterType ?? 'glob') : null,
    pushed_within_days: input.pushedWithinDays ?? null,
    next_run_at: input.nextRunAt ?? null,
  };
}

export async function createSchedule(
  scope: TenantScope,
  registryUuid: string,
  input: ScheduleInput,
  now = Date.now(),
) {
  const id = randomUUID();
  await scope.insert('registry_schedules', [
    {
      id,
      registry_uuid: registryUuid,
      ...columns(input),
      status: 'CREATED',
      created_at: now,
      updated_at: now,
      last_run: null,
    },
  ]);
  return id;
}

export async function updateSchedule(
  scope: TenantScope,
  registryUuid: string,
  id: string,
  input: ScheduleInput,
  now = Date.now(),
) {
  const res = await scope
    .updateTable('registry_schedules')
    .set({ ...columns(input), updated_at: now })
    .where('registry_uuid', '=', registryUuid)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Deletes schedules (all of the registry's when `ids` is undefined); running ones are refused. */
export async function deleteSchedules(scope: TenantScope, registryUuid: string, ids?: string[]) {
  return scope.transaction(async (tx) => {
    let q = tx
      .selectFrom('registry_schedules')
      .select(['id', 'status'])
      .where('registry_uuid', '=', registryUuid);
    if (ids) q = q.where('id', 'in', ids.length > 0 ? ids : ['']);
    const rows = await q.execute();
    if (ids) {
      const missing = ids.filter((i) => !rows.some((r) => r.id === i));
      if (missing.length > 0) throw new BulwarkError('NOT_FOUND', `no schedule ${missing.join(', ')}`);
    }
    const running = rows.filter((r) => (r.status as ScheduleStatus) === 'RUNNING');
    if (running.length > 0) {
      throw new BulwarkError('CONFLICT', `schedule ${running.map((r) => r.id).join(', ')} is running`);
    }
    if (rows.length > 0) {
      const gone = rows.map((r) => r.id);
      const jobs = tx.selectFrom('registry_scan_jobs').select('id').where('schedule_uuid', 'in', gone);
      await tx.deleteFrom('registry_scan_job_images').where('job_id', 'in', jobs).execute();
      await tx.deleteFrom('registry_scan_jobs').where('schedule_uuid', 'in', gone).execute();
      await tx.deleteFrom('registry_schedules').where('id', 'in', gone).execute();
    }
    return rows.map((r) => r.id);
  });
}

/** DAILY schedules due at `now`, across customers (the scheduler's sweep). */
export async function dueSchedules(db: TenantScope['db'], now: number) {
  return db
    .selectFrom('registry_schedules')
    .select(['id', 'customer_id', 'registry_uuid', 'time_of_day', 'time_zone'])
    .where('schedule_type', '=', 'DAILY')
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .execute();
}

export async function setNextRun(scope: TenantScope, id: string, nextRunAt: number) {
  await scope
    .updateTable('registry_schedules')
    .set({ next_run_at: nextRunAt })
    .where('id', '=', id)
    .execute();
}
