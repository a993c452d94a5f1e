/**
 * Deletion jobs: the request resolves and checks its targets, stores a QUEUED job and
 * answers with its id; `runDeletionJob` then deletes the rows in one transaction and marks
 * the job COMPLETED (or FAILED). Running a job twice is harmless: deleted rows stay deleted.
 */
import { randomUUID } from 'node:crypto';
import type { TenantScope } from '../tenant.js';
import { msString } from './list-query.js';

export type DeletionResource = 'image' | 'container' | 'sensor';

export async function createDeletionJob(
  scope: TenantScope,
  resource: DeletionResource,
  targets: string[],
  skipped: { uuid: string; reason: string }[],
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await scope.insert('deletion_jobs', [
    {
      id,
      resource,
      state: 'QUEUED',
      targets_json: JSON.stringify(targets),
      deleted_count: 0,
      skipped_json: JSON.stringify(skipped),
      error: null,
      created_at: now,
      updated_at: now,
    },
  ]);
  return id;
}

/** Bound parameters per statement stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

async function deleteChunk(tx: TenantScope, resource: DeletionResource, uuids: string[]): Promise<number> {
  if (resource === 'sensor') {
    const res = await tx
      .deleteFrom('sensors')
      .where('id', 'in', uuids)
      .where('status', '=', 'UNKNOWN')
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
  await tx.deleteFrom('findings').where('asset_uuid', 'in', uuids).execute();
  await tx.deleteFrom('software').where('asset_uuid', 'in', uuids).execute();
  if (resource === 'image')
    await tx.deleteFrom('image_match_marks').where('image_uuid', 'in', uuids).execute();
  const res =
    resource === 'image'
      ? await tx.deleteFrom('images').where('id', 'in', uuids).executeTakeFirst()
      : await tx.deleteFrom('containers').where('id', 'in', uuids).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deletes assets (and their software and findings) in chunks; the retention purge reuses it. */
export async function deleteAssets(
  tx: TenantScope,
  resource: DeletionResource,
  uuids: string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < uuids.length; i += CHUNK)
    deleted += await deleteChunk(tx, resource, uuids.slice(i, i + CHUNK));
  return deleted;
}

export async function runDeletionJob(scope: TenantScope, jobId: string): Promise<void> {
  const job = await scope.selectFrom('deletion_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!job || job.state === 'COMPLETED') return;
  try {
    await scope.transaction(async (tx) => {
      const n = await deleteAssets(
        tx,
        job.resource as DeletionResource,
        JSON.parse(job.targets_json) as string[],
      );
      await tx
        .updateTable('deletion_jobs')
        .set({ state: 'COMPLETED', deleted_count: n, updated_at: Date.now() })
        .where('id', '=', jobId)
        .execute();
    });
  } catch (err) {
    await scope
      .updateTable('deletion_jobs')
      .set({ state: 'FAILED', error: String(err), updated_at: Date.now() })
      .where('id', '=', jobId)
      .execute();
  }
}

export async function deletionJob(scope: TenantScope, jobId: string) {
  const r = await scope.selectFrom('deletion_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!r) return null;
  return {
    deletionJobId: r.id,
    resource: r.resource,
    state: r.state,
    targets: JSON.parse(r.targets_json) as string[],
    deletedCount: r.deleted_count,
    skipped: JSON.parse(r.skipped_json) as { uuid: string; reason: string }[],
    error: r.error,
    created: msString(r.created_at),
    updated: msString(r.updated_at),
  };
}
