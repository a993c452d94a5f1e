/** Images of one customer, in the API's shapes. Every query goes through the TenantScope. */
import { sql } from 'kysely';
import type { TenantScope } from '../tenant.js';
import {
  countRows,
  isUnfiltered,
  type ListQuery,
  msString,
  type Page,
  pageOf,
  severityCounts,
} from './list-query.js';

export const IMAGE_SORT: Record<string, string> = {
  created: 'images.created',
  lastScanned: 'images.last_scanned',
  size: 'images.size',
  imageId: 'images.image_id',
  sha: 'images.sha',
  severity: 'images.max_severity',
};

/** Container states that keep an image from being deleted (reference: "active containers"). */
export const ACTIVE_CONTAINER_STATES = ['CREATED', 'RUNNING', 'STOPPED', 'PAUSED'] as const;

type ImageRow = Awaited<ReturnType<typeof baseRows>>[number];

function baseRows(scope: TenantScope, q: ListQuery<'images'>) {
  let query = scope.selectFrom('images').selectAll('images');
  if (q.filter) query = query.where(q.filter);
  return pageOf(query, q, IMAGE_SORT, 'images.id').execute();
}

async function children(scope: TenantScope, uuids: string[]) {
  if (uuids.length === 0) return { repos: [], sources: [], assoc: [] };
  const [repos, sources, assoc] = await Promise.all([
    scope
      .selectFrom('image_repos')
      .select(['image_uuid', 'registry', 'repository', 'tag', 'registry_uuid'])
      .where('image_uuid', 'in', uuids)
      .orderBy('id')
      .execute(),
    scope
      .selectFrom('image_sources')
      .select(['image_uuid', 'source'])
      .where('image_uuid', 'in', uuids)
      .execute(),
    scope
      .selectFrom('containers')
      .select([
        'image_uuid',
        sql<number>`count(*)`.as('containers'),
        sql<number>`count(distinct containers.host_id)`.as('hosts'),
      ])
      .where('image_uuid', 'in', uuids)
      .where('state', 'in', ['RUNNING', 'STOPPED'])
      .groupBy('image_uuid')
      .execute(),
  ]);
  return { repos, sources, assoc };
}

function toSummary(row: ImageRow, kids: Awaited<ReturnType<typeof children>>) {
  const repos = kids.repos.filter((r) => r.image_uuid === row.id);
  const registryUuids = [
    ...new Set(repos.map((r) => r.registry_uuid).filter((u): u is string => u !== null)),
  ];
  const assoc = kids.assoc.find((a) => a.image_uuid === row.id);
  return {
    created: msString(row.created),
    sha: row.sha,
    repo: repos.map((r) => ({ registry: r.registry, tag: r.tag, repository: r.repository })),
    uuid: row.id,
    size: row.size,
    // Not checked (no database, no advisories for its OS release…): no counts, never zeros.
    vulnerabilities: row.scan_error === null ? severityCounts(row) : null,
    // Only when set: the reference's list shape has no such field.
    ...(row.scan_error === null ? {} : { scanError: row.scan_error }),
    imageId: row.image_id,
    associatedContainersCount: Number(assoc?.containers ?? 0),
    associatedHostsCount: Number(assoc?.hosts ?? 0),
    lastScanned: msString(row.last_scanned),
    registryUuid: registryUuids.length > 0 ? registryUuids : null,
    source: kids.sources.filter((s) => s.image_uuid === row.id).map((s) => s.source),
  };
}

export type ImageSummary = ReturnType<typeof toSummary>;

export async function listImages(scope: TenantScope, q: ListQuery<'images'>): Promise<Page<ImageSummary>> {
  let matching = scope.selectFrom('images').select('images.id');
  if (q.filter) matching = matching.where(q.filter);
  const [rows, total] = await Promise.all([
    baseRows(scope, q),
    countRows(scope.db, matching, isUnfiltered(q)),
  ]);
  const kids = await children(
    scope,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toSummary(r, kids)), ...total };
}

/**
 * Finds an image by its UUID, 12-hex image id or 64-hex sha (with or without `sha256:`).
 * Returns null when the customer has no such image.
 */
export async function findImageUuid(scope: TenantScope, ref: string): Promise<string | null> {
  const id = ref.replace(/^sha256:/, '');
  const row = await scope
    .selectFrom('images')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', id), eb('sha', '=', id), eb('image_id', '=', id)]))
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function imageDetails(scope: TenantScope, uuid: string) {
  const row = await scope.selectFrom('images').selectAll().where('id', '=', uuid).executeTakeFirst();
  if (!row) return null;
  const kids = await children(scope, [uuid]);
  const labels = await scope
    .selectFrom('image_labels')
    .select(['key', 'value'])
    .where('image_uuid', '=', uuid)
    .orderBy('id')
    .execute();
  return {
    ...toSummary(row, kids),
    customerUuid: scope.customerId,
    firstSeen: msString(row.first_seen),
    operatingSystem: row.operating_system,
    architecture: row.architecture,
    label: labels,
    scanError: row.scan_error,
  };
}

export async function imageAssociations(scope: TenantScope, uuid: string) {
  const containers = await scope
    .selectFrom('containers')
    .leftJoin('hosts', 'hosts.id', 'containers.host_id')
    .select([
      'containers.id',
      'containers.container_id',
      'containers.name',
      'containers.state',
      'containers.sensor_id',
      'containers.host_id',
      'hosts.hostname',
      'hosts.ip_address',
    ])
    .where('containers.image_uuid', '=', uuid)
    .orderBy('containers.id')
    .execute();
  const hosts = new Map<
    string,
    { uuid: string; hostname: string | null; ipAddress: string | null; sensorUuid: string | null }
  >();
  for (const c of containers) {
    if (c.host_id)
      hosts.set(c.host_id, {
        uuid: c.host_id,
        hostname: c.hostname,
        ipAddress: c.ip_address,
        sensorUuid: c.sensor_id,
      });
  }
  return {
    containers: containers.map((c) => ({
      uuid: c.id,
      containerId: c.container_id,
      name: c.name,
      state: c.state,
    })),
    hosts: [...hosts.values()],
  };
}

/** Image UUIDs (of those given) that still have active containers. */
export async function imagesWithActiveContainers(scope: TenantScope, uuids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  // Chunks keep the bound parameters of one statement well inside both dialects' limits.
  for (let i = 0; i < uuids.length; i += 500) {
    const rows = await scope
      .selectFrom('containers')
      .select('image_uuid')
      .distinct()
      .where('image_uuid', 'in', uuids.slice(i, i + 500))
      .where('state', 'in', [...ACTIVE_CONTAINER_STATES])
      .execute();
    for (const r of rows) if (r.image_uuid !== null) out.add(r.image_uuid);
  }
  return out;
}

/** The customer's image UUIDs among `refs` (uuids), and those matching a filter. */
export async function resolveImageUuids(
  scope: TenantScope,
  q: { uuids?: string[]; filter?: ListQuery<'images'>['filter'] },
) {
  let query = scope.selectFrom('images').select('id');
  if (q.uuids) query = query.where('id', 'in', q.uuids.length > 0 ? q.uuids : ['']);
  if (q.filter) query = query.where(q.filter);
  return (await query.execute()).map((r) => r.id);
}
