/** QQL tokens of images (`GET /csapi/v1.1/images`). Main table: `images`. */
import { CONTAINER_STATES } from './containers.js';
import { imageSourceTokens } from './image-sources.js';
import { containersOf } from './relations.js';
import { assetSoftwareTokens, assetVulnerabilityTokens, labelTokens, repoTokens } from './shared-tokens.js';
import { col, type QqlEntityCatalog } from './types.js';

const id = col('images', 'id');
const containers = containersOf(id);

export const imagesCatalog: QqlEntityCatalog = {
  table: 'images',
  key: id,
  defaultSort: { token: 'created', direction: 'desc' },
  tokens: [
    { token: 'uuid', type: 'keyword', storedCase: 'lower', description: 'image uuid', column: id },
    {
      token: 'imageId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'first 12 hex digits of the sha',
      column: col('images', 'image_id'),
      sortable: true,
    },
    {
      token: 'sha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'image config digest (64 hex)',
      column: col('images', 'sha'),
      sortable: true,
    },
    {
      token: 'created',
      type: 'date',
      description: 'when the image was built',
      column: col('images', 'created'),
      sortable: true,
    },
    {
      token: 'lastScanned',
      aliases: ['lastVmScanDate'],
      type: 'date',
      description: 'when the image was last scanned',
      column: col('images', 'last_scanned'),
      sortable: true,
    },
    {
      token: 'firstSeen',
      type: 'date',
      description: 'when Bulwark first saw the image',
      column: col('images', 'first_seen'),
      sortable: true,
    },
    {
      token: 'updated',
      type: 'date',
      description: 'when the image record last changed',
      column: col('images', 'updated_at'),
      sortable: true,
    },
    {
      token: 'size',
      type: 'number',
      description: 'image size in bytes',
      column: col('images', 'size'),
      sortable: true,
    },
    {
      token: 'operatingSystem',
      type: 'text',
      description: 'operating system found in the image',
      column: col('images', 'operating_system'),
      sortable: true,
    },
    {
      token: 'architecture',
      type: 'keyword',
      description: 'CPU architecture (amd64, arm64)',
      column: col('images', 'architecture'),
      sortable: true,
    },
    {
      token: 'scanError',
      type: 'text',
      description: 'why the last scan left the inventory incomplete (scanError:* lists them)',
      column: col('images', 'scan_error'),
    },
    ...imageSourceTokens(id),
    ...repoTokens(id),
    ...labelTokens('image', id),
    ...assetVulnerabilityTokens('images', id),
    ...assetSoftwareTokens(id),
    {
      token: 'container.state',
      type: 'enum',
      values: CONTAINER_STATES,
      description: 'state of some container of the image',
      column: col('containers', 'state', 'q_c'),
      via: containers,
    },
    {
      token: 'container.containerId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'id of some container of the image',
      column: col('containers', 'container_id', 'q_c'),
      via: containers,
    },
  ],
};
