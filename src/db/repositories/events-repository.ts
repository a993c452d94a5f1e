/** Docker events of one customer (sample 3 shape; `eventOccurred` is a number there). */
import { sql } from 'kysely';
import type { TenantScope } from '../tenant.js';
import { type ListQuery, type Page, pageOf } from './list-query.js';

export const EVENT_SORT: Record<string, string> = {
  eventOccurred: 'events.event_occurred',
  event: 'events.event',
  type: 'events.type',
  name: 'events.name',
};

export async function listEvents(scope: TenantScope, q: ListQuery<'events'>) {
  let rows = scope
    .selectFrom('events')
    .leftJoin('hosts', 'hosts.id', 'events.host_id')
    .selectAll('events')
    .select(['hosts.hostname', 'hosts.ip_address']);
  let countQuery = scope.selectFrom('events').select(sql<number>`count(*)`.as('n'));
  if (q.filter) {
    rows = rows.where(q.filter);
    countQuery = countQuery.where(q.filter);
  }
  if (q.fromDate !== undefined) {
    rows = rows.where('events.event_occurred', '>=', q.fromDate);
    countQuery = countQuery.where('events.event_occurred', '>=', q.fromDate);
  }
  if (q.toDate !== undefined) {
    rows = rows.where('events.event_occurred', '<=', q.toDate);
    countQuery = countQuery.where('events.event_occurred', '<=', q.toDate);
  }
  const [data, count] = await Promise.all([
    pageOf(rows, q, EVENT_SORT, 'events.id').execute(),
    countQuery.executeTakeFirstOrThrow(),
  ]);
  const page: Page<ReturnType<typeof toEvent>> = { data: data.map(toEvent), count: Number(count.n) };
  function toEvent(r: (typeof data)[number]) {
    return {
      containerUuid: r.container_uuid,
      imageId: r.image_id,
      eventOccurred: r.event_occurred,
      containerSha: r.container_sha,
      uuid: r.id,
      sensorUuid: r.sensor_id,
      imageSha: r.image_sha,
      customerUuid: scope.customerId,
      host: { sensorUuid: r.sensor_id, hostname: r.hostname, ipAddress: r.ip_address, uuid: r.host_id },
      event: r.event,
      type: r.type,
      context: r.context,
      name: r.name,
      containerId: r.container_id,
      category: r.category,
      imageUuid: r.image_uuid,
    };
  }
  return page;
}
