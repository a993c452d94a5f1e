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
import type { RogueReport } from './rogue-types.js';

export const CONTAINER_SORT: Record<string, string> = {
  created: 'containers.created',
  stateChanged: 'containers.state_changed',
  lastScanned: 'containers.last_scanned',
  name: 'containers.name',
  state: 'containers.state',
  containerId: 'containers.container_id',
  severity: 'containers.max_severity',
};

function base(scope: TenantScope) {
  return scope
    .selectFrom('containers')
    .leftJoin('hosts', 'hosts.id', 'containers.host_id')
    .selectAll('containers')
    .select(['hosts.hostname as host_hostname', 'hosts.ip_address as host_ip']);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function toSummary(r: Row) {
  return {
    imageId: r.image_id,
    created: msString(r.created),
    sha: r.sha,
    uuid: r.id,
    name: r.name,
    host: { sensorUuid: r.sensor_id, hostname: r.host_hostname, ipAddress: r.host_ip, uuid: r.host_id },
    state: r.state,
    imageUuid: r.image_uuid,
    containerId: r.container_id,
    stateChanged: msString(r.state_changed),
    lastScanned: msString(r.last_scanned),
    // Not checked (no database, no advisories for its OS release…): no counts, never zeros.
    vulnerabilities: r.scan_error === null ? severityCounts(r) : null,
    // Only when set: the reference's shapes have no such field.
    ...(r.scan_error === null ? {} : { scanError: r.scan_error }),
  };
}

export type ContainerSummary = ReturnType<typeof toSummary>;

export async function listContainers(
  scope: TenantScope,
  q: ListQuery<'containers'>,
): Promise<Page<ContainerSummary>> {
  let rows = scope.selectFrom('containers').select('containers.id');
  if (q.filter) rows = rows.where(q.filter);
  const [ids, total] = await Promise.all([
    pageOf(rows, q, CONTAINER_SORT, 'containers.id').execute(),
    countRows(scope.db, rows, isUnfiltered(q)),
  ]);
  const uuids = ids.map((r) => r.id);
  const full = uuids.length === 0 ? [] : await base(scope).where('containers.id', 'in', uuids).execute();
  const byId = new Map(full.map((r) => [r.id, r]));
  return { data: uuids.map((id) => toSummary(byId.get(id)!)), ...total };
}

/** By UUID, 12-hex container id or 64-hex sha. */
export async function findContainerUuid(scope: TenantScope, ref: string): Promise<string | null> {
  const row = await scope
    .selectFrom('containers')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('sha', '=', ref), eb('container_id', '=', ref)]))
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function containerDetails(scope: TenantScope, uuid: string) {
  const r = await base(scope).where('containers.id', '=', uuid).executeTakeFirst();
  if (!r) return null;
  const labels = await scope
    .selectFrom('container_labels')
    .select(['key', 'value'])
    .where('container_uuid', '=', uuid)
    .orderBy('id')
    .execute();
  const s = toSummary(r);
  return {
    portMapping: parseJson(r.port_mapping_json),
    imageId: s.imageId,
    created: s.created,
    label: labels,
    uuid: s.uuid,
    sha: s.sha,
    privileged: r.privileged === 1,
    sensorUuid: r.sensor_id,
    path: r.path,
    imageSha: r.image_sha,
    macAddress: r.mac_address,
    customerUuid: scope.customerId,
    ipv4: r.ipv4,
    ipv6: r.ipv6,
    name: s.name,
    host: s.host,
    state: s.state,
    imageUuid: s.imageUuid,
    containerId: s.containerId,
    stateChanged: s.stateChanged,
    hostname: r.hostname,
    services: null,
    users: null,
    operatingSystem: r.operating_system,
    lastScanned: s.lastScanned,
    environment: parseJson(r.environment_json),
    arguments: parseJson(r.arguments_json),
    command: r.command,
    rogue: parseJson(r.rogue_json) as RogueReport | null,
    vulnerabilities: s.vulnerabilities,
    ...(s.scanError === undefined ? {} : { scanError: s.scanError }),
    softwares: null,
    isRogue: r.is_rogue === 1,
  };
}

export async function resolveContainerUuids(
  scope: TenantScope,
  q: { uuids?: string[]; filter?: ListQuery<'containers'>['filter'] },
) {
  let query = scope.selectFrom('containers').select('id');
  if (q.uuids) query = query.where('id', 'in', q.uuids.length > 0 ? q.uuids : ['']);
  if (q.filter) query = query.where(q.filter);
  return (await query.execute()).map((r) => r.id);
}
