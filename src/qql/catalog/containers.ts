/** QQL tokens of containers (`GET /csapi/v1.1/containers`). Main table: `containers`. */
import { hostOf, sensorOf } from './relations.js';
import { assetSoftwareTokens, assetVulnerabilityTokens, labelTokens, repoTokens } from './shared-tokens.js';
import { col, type QqlEntityCatalog } from './types.js';

const id = col('containers', 'id');
const host = hostOf(col('containers', 'host_id'));
const sensor = sensorOf(col('containers', 'sensor_id'));

export const CONTAINER_STATES = ['CREATED', 'RUNNING', 'PAUSED', 'STOPPED', 'DELETED'] as const;

export const containersCatalog: QqlEntityCatalog = {
  table: 'containers',
  key: id,
  defaultSort: { token: 'created', direction: 'desc' },
  tokens: [
    { token: 'uuid', type: 'keyword', storedCase: 'lower', description: 'container uuid', column: id },
    {
      token: 'containerId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'first 12 hex digits of the container sha',
      column: col('containers', 'container_id'),
      sortable: true,
    },
    {
      token: 'sha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'container id (64 hex)',
      column: col('containers', 'sha'),
      sortable: true,
    },
    {
      token: 'name',
      type: 'keyword',
      description: 'container name',
      column: col('containers', 'name'),
      sortable: true,
    },
    {
      token: 'imageId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'first 12 hex digits of the image sha',
      column: col('containers', 'image_id'),
      sortable: true,
    },
    {
      token: 'imageSha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'image config digest',
      column: col('containers', 'image_sha'),
    },
    {
      token: 'imageUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of the image',
      column: col('containers', 'image_uuid'),
    },
    {
      token: 'state',
      type: 'enum',
      values: CONTAINER_STATES,
      description: 'CREATED, RUNNING, PAUSED, STOPPED or DELETED',
      column: col('containers', 'state'),
      sortable: true,
    },
    {
      token: 'created',
      type: 'date',
      description: 'when the container was created',
      column: col('containers', 'created'),
      sortable: true,
    },
    {
      token: 'stateChanged',
      type: 'date',
      description: 'when the state last changed',
      column: col('containers', 'state_changed'),
      sortable: true,
    },
    {
      token: 'lastScanned',
      aliases: ['lastVmScanDate'],
      type: 'date',
      description: 'when the container was last scanned',
      column: col('containers', 'last_scanned'),
      sortable: true,
    },
    {
      token: 'updated',
      type: 'date',
      description: 'when the container record last changed',
      column: col('containers', 'updated_at'),
      sortable: true,
    },
    {
      token: 'privileged',
      type: 'boolean',
      description: 'runs privileged',
      column: col('containers', 'privileged'),
    },
    {
      token: 'isRogue',
      type: 'boolean',
      description: 'holds software or vulnerabilities its image does not',
      column: col('containers', 'is_rogue'),
      sortable: true,
    },
    {
      token: 'scanError',
      type: 'text',
      description: 'why the uploaded SBOM could not be checked (scanError:* lists them)',
      column: col('containers', 'scan_error'),
    },
    { token: 'path', type: 'text', description: 'entrypoint path', column: col('containers', 'path') },
    { token: 'command', type: 'text', description: 'command line', column: col('containers', 'command') },
    {
      token: 'hostname',
      type: 'keyword',
      description: "the container's own hostname",
      column: col('containers', 'hostname'),
    },
    {
      token: 'macAddress',
      type: 'keyword',
      description: 'MAC address',
      column: col('containers', 'mac_address'),
    },
    {
      token: 'ipv4',
      type: 'keyword',
      description: 'IPv4 address (10.0.*)',
      column: col('containers', 'ipv4'),
    },
    { token: 'ipv6', type: 'keyword', description: 'IPv6 address', column: col('containers', 'ipv6') },
    {
      token: 'operatingSystem',
      type: 'text',
      description: 'operating system found in the container',
      column: col('containers', 'operating_system'),
    },
    {
      token: 'sensorUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of the sensor that reported the container',
      column: col('containers', 'sensor_id'),
    },
    {
      token: 'host.hostname',
      type: 'keyword',
      description: 'hostname of the host running the container',
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
    {
      token: 'host.uuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of the host',
      column: col('hosts', 'id', 'q_h'),
      via: host,
    },
    {
      token: 'sensor.version',
      type: 'keyword',
      description: 'version of the sensor that reported the container',
      column: col('sensors', 'version', 'q_se'),
      via: sensor,
    },
    ...repoTokens(col('containers', 'image_uuid')),
    ...labelTokens('container', id),
    ...assetVulnerabilityTokens('containers', id),
    ...assetSoftwareTokens(id),
  ],
};
