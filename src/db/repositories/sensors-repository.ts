/** Sensors of one customer. Only sensors in UNKNOWN status may be deleted (reference rule). */
import { sql } from 'kysely';
import type { TenantScope } from '../tenant.js';
import { type ListQuery, msString, type Page, pageOf } from './list-query.js';

export const SENSOR_SORT: Record<string, string> = {
  created: 'sensors.created_at',
  lastCheckedIn: 'sensors.last_checked_in',
  hostname: 'sensors.hostname',
  status: 'sensors.status',
  version: 'sensors.version',
};

function base(scope: TenantScope) {
  // The host UUID is the one the sensor reported (issue 11), kept on its host row.
  return scope
    .selectFrom('sensors')
    .leftJoin('hosts', 'hosts.id', 'sensors.host_id')
    .selectAll('sensors')
    .select('hosts.host_uuid');
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function toSensor(r: Row, scope: TenantScope) {
  return {
    sensorUuid: r.id,
    uuid: r.id,
    customerUuid: scope.customerId,
    hostname: r.hostname,
    ipAddress: r.ip_address,
    hostUuid: r.host_uuid,
    version: r.version,
    sensorType: r.sensor_type,
    status: r.status,
    dockerVersion: r.docker_version,
    operatingSystem: r.operating_system,
    activationUuid: r.activation_id,
    created: msString(r.created_at),
    lastCheckedIn: msString(r.last_checked_in),
  };
}

export type SensorView = ReturnType<typeof toSensor>;

export async function listSensors(scope: TenantScope, q: ListQuery<'sensors'>): Promise<Page<SensorView>> {
  let rows = base(scope);
  let countQuery = scope.selectFrom('sensors').select(sql<number>`count(*)`.as('n'));
  if (q.filter) {
    rows = rows.where(q.filter);
    countQuery = countQuery.where(q.filter);
  }
  const [data, count] = await Promise.all([
    pageOf(rows, q, SENSOR_SORT, 'sensors.id').execute(),
    countQuery.executeTakeFirstOrThrow(),
  ]);
  return { data: data.map((r) => toSensor(r, scope)), count: Number(count.n) };
}

export async function sensorDetails(scope: TenantScope, uuid: string): Promise<SensorView | null> {
  const r = await base(scope).where('sensors.id', '=', uuid).executeTakeFirst();
  return r ? toSensor(r, scope) : null;
}

export async function resolveSensors(
  scope: TenantScope,
  q: { uuids?: string[]; filter?: ListQuery<'sensors'>['filter'] },
): Promise<{ id: string; status: string }[]> {
  let query = scope.selectFrom('sensors').select(['id', 'status']);
  if (q.uuids) query = query.where('id', 'in', q.uuids.length > 0 ? q.uuids : ['']);
  if (q.filter) query = query.where(q.filter);
  return query.execute();
}
