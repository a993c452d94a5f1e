/**
 * The child collections QQL reaches from an entity's main table, built for a given root
 * key. Shared by the catalogs, so "findings of an asset" is spelt once. Only open
 * findings count: a closed finding is history, not a current vulnerability.
 */
import { sql } from 'kysely';
import type { AssetType } from '../../db/schema.js';
import { col, type QqlColumn, type QqlRelation, tableAs } from './types.js';

const openFinding = sql`${sql.ref('q_f.closed_at')} is null`;
const ASSET_TYPE: Partial<Record<string, AssetType>> = { images: 'IMAGE', containers: 'CONTAINER' };

/** Open findings, of one asset type when the root is an asset (the covering findings index has it). */
function openFindingOf(rootKey: QqlColumn) {
  const assetType = ASSET_TYPE[rootKey.alias];
  return assetType
    ? sql`${openFinding} and ${sql.ref('q_f.asset_type')} = ${sql.lit(assetType)}`
    : openFinding;
}

/** Open findings of the asset whose uuid is `rootKey` (images.id, containers.id). */
export function findingsOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'findings',
    from: tableAs('findings', 'q_f'),
    childKey: col('findings', 'asset_uuid', 'q_f'),
    rootKey,
    customer: col('findings', 'customer_id', 'q_f'),
    where: openFindingOf(rootKey),
  };
}

/** Open findings of the asset, with their vulnerability (`q_v`). */
export function vulnerabilitiesOf(
  rootKey: QqlColumn,
  via: 'asset_uuid' | 'software_id' = 'asset_uuid',
): QqlRelation {
  return {
    name: 'vulnerabilities',
    from: sql`${tableAs('findings', 'q_f')} inner join ${tableAs('vulnerabilities', 'q_v')} on ${sql.ref('q_v.id')} = ${sql.ref('q_f.vulnerability_id')}`,
    childKey: col('findings', via, 'q_f'),
    rootKey,
    customer: col('findings', 'customer_id', 'q_f'),
    where: openFindingOf(rootKey),
  };
}

/** Packages of the asset whose uuid is `rootKey`. */
export function softwareOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'software',
    from: tableAs('software', 'q_s'),
    childKey: col('software', 'asset_uuid', 'q_s'),
    rootKey,
    customer: col('software', 'customer_id', 'q_s'),
  };
}

/** Registry/repository/tag names of the image whose uuid is `rootKey`. */
export function reposOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'repo',
    from: tableAs('image_repos', 'q_r'),
    childKey: col('image_repos', 'image_uuid', 'q_r'),
    rootKey,
    customer: col('image_repos', 'customer_id', 'q_r'),
  };
}

export function imageLabelsOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'label',
    from: tableAs('image_labels', 'q_l'),
    childKey: col('image_labels', 'image_uuid', 'q_l'),
    rootKey,
    customer: col('image_labels', 'customer_id', 'q_l'),
  };
}

export function containerLabelsOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'label',
    from: tableAs('container_labels', 'q_l'),
    childKey: col('container_labels', 'container_uuid', 'q_l'),
    rootKey,
    customer: col('container_labels', 'customer_id', 'q_l'),
  };
}

/** The host row (one) whose id is `rootKey`. */
export function hostOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'host',
    from: tableAs('hosts', 'q_h'),
    childKey: col('hosts', 'id', 'q_h'),
    rootKey,
    customer: col('hosts', 'customer_id', 'q_h'),
  };
}

/** The sensor row (one) whose id is `rootKey`. */
export function sensorOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'sensor',
    from: tableAs('sensors', 'q_se'),
    childKey: col('sensors', 'id', 'q_se'),
    rootKey,
    customer: col('sensors', 'customer_id', 'q_se'),
  };
}

/** The image row (one) whose id is `rootKey`. */
export function imageOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'image',
    from: tableAs('images', 'q_i'),
    childKey: col('images', 'id', 'q_i'),
    rootKey,
    customer: col('images', 'customer_id', 'q_i'),
  };
}

/** Containers running from the image whose uuid is `rootKey`. */
export function containersOf(rootKey: QqlColumn): QqlRelation {
  return {
    name: 'container',
    from: tableAs('containers', 'q_c'),
    childKey: col('containers', 'image_uuid', 'q_c'),
    rootKey,
    customer: col('containers', 'customer_id', 'q_c'),
  };
}
