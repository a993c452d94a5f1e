/** QQL tokens of events (`GET /csapi/v1.1/events`). Main table: `events`. */
import { hostOf } from './relations.js';
import { col, type QqlEntityCatalog } from './types.js';

const host = hostOf(col('events', 'host_id'));

export const eventsCatalog: QqlEntityCatalog = {
  table: 'events',
  key: col('events', 'id'),
  defaultSort: { token: 'eventOccurred', direction: 'desc' },
  tokens: [
    {
      token: 'uuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'event uuid',
      column: col('events', 'id'),
    },
    {
      token: 'eventOccurred',
      type: 'date',
      description: 'when the event happened',
      column: col('events', 'event_occurred'),
      sortable: true,
    },
    {
      token: 'event',
      type: 'keyword',
      description: 'engine action: start, die, exec_start, pull, tag…',
      column: col('events', 'event'),
      sortable: true,
    },
    {
      token: 'type',
      type: 'enum',
      values: ['CONTAINER', 'IMAGE'],
      description: 'CONTAINER or IMAGE',
      column: col('events', 'type'),
      sortable: true,
    },
    {
      token: 'category',
      type: 'keyword',
      storedCase: 'upper',
      description: 'event source, DOCKER',
      column: col('events', 'category'),
    },
    {
      token: 'context',
      type: 'text',
      description: 'event details (the command of an exec)',
      column: col('events', 'context'),
    },
    {
      token: 'name',
      type: 'keyword',
      description: 'container or image name',
      column: col('events', 'name'),
      sortable: true,
    },
    {
      token: 'containerId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'first 12 hex digits of the container sha',
      column: col('events', 'container_id'),
    },
    {
      token: 'containerSha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'container id (64 hex)',
      column: col('events', 'container_sha'),
    },
    {
      token: 'containerUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'container uuid',
      column: col('events', 'container_uuid'),
    },
    {
      token: 'imageId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'first 12 hex digits of the image sha',
      column: col('events', 'image_id'),
    },
    {
      token: 'imageSha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'image config digest',
      column: col('events', 'image_sha'),
    },
    {
      token: 'imageUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'image uuid',
      column: col('events', 'image_uuid'),
    },
    {
      token: 'sensorUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of the reporting sensor',
      column: col('events', 'sensor_id'),
    },
    {
      token: 'host.hostname',
      type: 'keyword',
      description: 'hostname of the host',
      column: col('hosts', 'hostname', 'q_h'),
      via: host,
    },
    {
      token: 'host.ipAddress',
      type: 'keyword',
      description: 'IP address of the host',
      column: col('hosts', 'ip_address', 'q_h'),
      via: host,
    },
  ],
};
