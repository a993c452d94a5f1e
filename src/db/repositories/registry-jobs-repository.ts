/**
 * Registry scan jobs: one row per run of a schedule, with the images it scans and one
 * result per image. Life cycle: Queued (images_json null: the server is still listing;
 * then claimable) → Running (a registry sensor claimed it) → Completed | Failed. The
 * schedule's status follows its latest job, so a registry whose job is running cannot be
 * deleted (registries-repository.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ScheduleStatus } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { msString } from './list-query.js';

export interface JobImageRef {
  repository: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

export interface JobImageResult extends JobImageRef {
  imageId?: string | undefined;
  status: 'scanned' | 'failed';
  error?: string | undefined;
}

export type JobState = 'Queued' | 'Running' | 'Completed' | 'Failed';

const SCHEDULE_STATUS: Record<JobState, ScheduleStatus> = {
  Queued: 'QUEUED',
  Running: 'RUNNING',
  Completed: 'COMPLETED',
  Failed: 'FAILED',
};

export function imageKey(i: JobImageRef): string {
  return i.digest ? `${i.repository}@${i.digest}` : `${i.repository}:${i.tag ?? 'latest'}`;
}

async function setScheduleStatus(scope: TenantScope, scheduleUuid: string, state: JobState, now: number) {
  await scope
    .updateTable('registry_schedules')
    .set({ status: SCHEDULE_STATUS[state], updated_at: now })
    .where('id', '=', scheduleUuid)
    .execute();
}

export async function createJob(
  scope: TenantScope,
  registryUuid: string,
  scheduleUuid: string,
  now: number,
): Promise<string> {
  const id = randomUUID();
  await scope.insert('registry_scan_jobs', [
    {
      id,
      registry_uuid: registryUuid,
      schedule_uuid: scheduleUuid,
      state: 'Queued',
      images_json: null,
      error: null,
      sensor_id: null,
      created_at: now,
      claimed_at: null,
      finished_at: null,
      updated_at: now,
    },
  ]);
  await scope
    .updateTable('registry_schedules')
    .set({ status: 'QUEUED', last_run: now, updated_at: now })
    .where('id', '=', scheduleUuid)
    .execute();
  return id;
}

/** Queued jobs the server has not listed yet, across customers (the job system expands them). */
export async function unexpandedJobs(db: TenantScope['db']) {
  return db
    .selectFrom('registry_scan_jobs')
    .select(['id', 'customer_id', 'registry_uuid', 'schedule_uuid'])
    .where('state', '=', 'Queued')
    .where('images_json', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** The listing is done: the job becomes claimable. */
export async function setJobImages(scope: TenantScope, jobId: string, images: JobImageRef[], now: number) {
  const row = await scope
    .updateTable('registry_scan_jobs')
    .set({ images_json: JSON.stringify(images), updated_at: now })
    .where('id', '=', jobId)
    .where('state', '=', 'Queued')
    .returning(['schedule_uuid'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims the oldest claimable job of the sensor's customer. Atomic by compare-and-set: the
 * update only succeeds while the row is still Queued, so of two sensors racing for one
 * job exactly one wins and the other moves on to the next candidate.
 */
export async function claimJob(scope: TenantScope, sensorId: string, now: number) {
  for (;;) {
    const candidates = await scope
      .selectFrom('registry_scan_jobs')
      .select(['id'])
      .where('state', '=', 'Queued')
      .where('images_json', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(5)
      .execute();
    if (candidates.length === 0) return null;
    for (const c of candidates) {
      const won = await scope
        .updateTable('registry_scan_jobs')
        .set({ state: 'Running', sensor_id: sensorId, claimed_at: now, updated_at: now })
        .where('id', '=', c.id)
        .where('state', '=', 'Queued')
        .returningAll()
        .executeTakeFirst();
      if (!won) continue;
      await setScheduleStatus(scope, won.schedule_uuid, 'Running', now);
      return {
        id: won.id,
        registryUuid: won.registry_uuid,
        scheduleUuid: won.schedule_uuid,
        images: JSON.parse(won.images_json ?? '[]') as JobImageRef[],
      };
    }
  }
}

/** The job if this sensor holds it (Running), else null. */
export async function heldJob(scope: TenantScope, jobId: string, sensorId: string) {
  return (
    (await scope
      .selectFrom('registry_scan_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .where('sensor_id', '=', sensorId)
      .where('state', '=', 'Running')
      .executeTakeFirst()) ?? null
  );
}

export async function recordResults(
  scope: TenantScope,
  jobId: string,
  results: JobImageResult[],
  now: number,
) {
  await scope.transaction(async (tx) => {
    for (const r of results) {
      const key = imageKey(r);
      await tx
        .deleteFrom('registry_scan_job_images')
        .where('job_id', '=', jobId)
        .where('image_key', '=', key)
        .execute();
      await tx.insert('registry_scan_job_images', [
        {
          job_id: jobId,
          image_key: key,
          repository: r.repository,
          tag: r.tag ?? null,
          digest: r.digest ?? null,
          image_id: r.imageId ?? null,
          status: r.status,
          error: r.error ?? null,
          updated_at: now,
        },
      ]);
    }
    await tx.updateTable('registry_scan_jobs').set({ updated_at: now }).where('id', '=', jobId).execute();
  });
}

export async function finishJob(
  scope: TenantScope,
  jobId: string,
  state: 'Completed' | 'Failed',
  error: string | undefined,
  now: number,
) {
  const row = await scope
    .updateTable('registry_scan_jobs')
    .set({ state, error: error ?? null, finished_at: now, updated_at: now })
    .where('id', '=', jobId)
    .where('state', 'in', ['Queued', 'Running'])
    .returning(['schedule_uuid', 'registry_uuid'])
    .executeTakeFirst();
  if (!row) return false;
  await setScheduleStatus(scope, row.schedule_uuid, state, now);
  if (state === 'Completed') {
    await scope
      .updateTable('registries')
      .set({ last_scanned: now })
      .where('id', '=', row.registry_uuid)
      .execute();
  }
  return true;
}

/** Jobs of a schedule, newest first, with their per-image results. */
export async function jobsOfSchedule(scope: TenantScope, scheduleUuid: string, limit = 20) {
  const jobs = await scope
    .selectFrom('registry_scan_jobs')
    .selectAll()
    .where('schedule_uuid', '=', scheduleUuid)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (jobs.length === 0) return [];
  const images = await scope
    .selectFrom('registry_scan_job_images')
    .selectAll()
    .where(
      'job_id',
      'in',
      jobs.map((j) => j.id),
    )
    .orderBy('image_key')
    .execute();
  return jobs.map((j) => {
    const mine = images.filter((i) => i.job_id === j.id);
    const planned = j.images_json ? (JSON.parse(j.images_json) as JobImageRef[]).length : null;
    return {
      jobUuid: j.id,
      state: j.state,
      error: j.error,
      created: msString(j.created_at),
      started: msString(j.claimed_at),
      finished: msString(j.finished_at),
      imagesTotal: planned,
      imagesScanned: mine.filter((i) => i.status === 'scanned').length,
      imagesFailed: mine.filter((i) => i.status === 'failed').length,
      images: mine.map((i) => ({
        repository: i.repository,
        tag: i.tag,
        digest: i.digest,
        imageId: i.image_id,
        status: i.status,
        error: i.error,
      })),
    };
  });
}

/** Is a job of this registry in flight (Queued or Running)? */
export async function activeJobCount(scope: TenantScope, registryUuid: string): Promise<number> {
  const row = await scope
    .selectFrom('registry_scan_jobs')
    .select(sql<number>`count(*)`.as('n'))
    .where('registry_uuid', '=', registryUuid)
    .where('state', 'in', ['Queued', 'Running'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Running jobs whose sensor has not reported since `before`, across customers. */
export async function staleJobs(db: TenantScope['db'], before: number) {
  return db
    .selectFrom('registry_scan_jobs')
    .select(['id', 'customer_id'])
    .where('state', '=', 'Running')
    .where('updated_at', '<', before)
    .execute();
}

/** A job of this schedule still in flight, if any. */
export async function activeJobOfSchedule(scope: TenantScope, scheduleUuid: string) {
  return (
    (await scope
      .selectFrom('registry_scan_jobs')
      .select(['id', 'state'])
      .where('schedule_uuid', '=', scheduleUuid)
      .where('state', 'in', ['Queued', 'Running'])
      .executeTakeFirst()) ?? null
  );
}
