/**
 * QQL tokens of software (`GET /csapi/v1.1/software`: "which of my images run log4j
 * 2.14?"). Main table: `software`, one row per package per asset.
 */
import { sql } from 'kysely';
import { imageOf, reposOf, vulnerabilitiesOf } from './relations.js';
import { col, type QqlEntityCatalog, type QqlRelation, tableAs } from './types.js';

const id = col('software', 'id');
const asset = col('software', 'asset_uuid');
const vulns = vulnerabilitiesOf(id, 'software_id');
const findings: QqlRelation = {
  name: 'findings',
  from: tableAs('findings', 'q_f'),
  childKey: col('findings', 'software_id', 'q_f'),
  rootKey: id,
  customer: col('findings', 'customer_id', 'q_f'),
  where: sql`${sql.ref('q_f.closed_at')} is null`,
};
const image = imageOf(asset);
const repos = reposOf(asset);
const container: QqlRelation = {
  name: 'container',
  from: tableAs('containers', 'q_c'),
  childKey: col('containers', 'id', 'q_c'),
  rootKey: asset,
  customer: col('containers', 'customer_id', 'q_c'),
};

export const softwareCatalog: QqlEntityCatalog = {
  table: 'software',
  key: id,
  defaultSort: { token: 'name', direction: 'asc' },
  tokens: [
    {
      token: 'name',
      aliases: ['software.name'],
      type: 'keyword',
      description: 'package name (log4j-core, openssl)',
      column: col('software', 'name'),
      sortable: true,
    },
    {
      token: 'version',
      aliases: ['software.version'],
      type: 'keyword',
      description: 'package version (2.14.*)',
      column: col('software', 'version'),
      sortable: true,
    },
    {
      token: 'ecosystem',
      type: 'keyword',
      description: 'Debian:12, npm, PyPI, Maven…',
      column: col('software', 'ecosystem'),
      sortable: true,
    },
    {
      token: 'kind',
      type: 'enum',
      values: ['os', 'lang'],
      description: 'os (distribution package) or lang (application dependency)',
      column: col('software', 'kind'),
    },
    { token: 'purl', type: 'keyword', description: 'package URL', column: col('software', 'purl') },
    {
      token: 'sourceName',
      type: 'keyword',
      description: 'source package name',
      column: col('software', 'source_name'),
    },
    {
      token: 'path',
      type: 'text',
      description: 'file the package was found in',
      column: col('software', 'path'),
    },
    {
      token: 'assetType',
      type: 'enum',
      values: ['IMAGE', 'CONTAINER'],
      description: 'IMAGE or CONTAINER',
      column: col('software', 'asset_type'),
      sortable: true,
    },
    {
      token: 'assetUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of the image or container',
      column: asset,
    },
    {
      token: 'vulnerabilities.severity',
      type: 'number',
      description: 'severity of an open finding on this package',
      column: col('findings', 'severity', 'q_f'),
      via: findings,
    },
    {
      token: 'vulnerabilities.cve',
      type: 'keyword',
      storedCase: 'upper',
      description: 'CVE of an open finding on this package',
      column: col('vulnerabilities', 'cve', 'q_v'),
      via: vulns,
      lookup: {
        name: 'vulnerability-ids-by-cve',
        column: col('findings', 'vulnerability_id', 'q_f'),
        via: findings,
      },
    },
    {
      token: 'vulnerabilities.qid',
      type: 'number',
      description: 'qid of an open finding on this package',
      column: col('vulnerabilities', 'qid', 'q_v'),
      via: vulns,
    },
    {
      token: 'vulnerabilities.id',
      type: 'keyword',
      description: 'advisory id of an open finding on this package',
      column: col('findings', 'vulnerability_id', 'q_f'),
      via: findings,
    },
    {
      token: 'image.imageId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'the image holding the package',
      column: col('images', 'image_id', 'q_i'),
      via: image,
    },
    {
      token: 'image.sha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'the image holding the package, by digest',
      column: col('images', 'sha', 'q_i'),
      via: image,
    },
    {
      token: 'container.containerId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'the container holding the package',
      column: col('containers', 'container_id', 'q_c'),
      via: container,
    },
    {
      token: 'repo.registry',
      type: 'keyword',
      description: 'registry of the image holding the package',
      column: col('image_repos', 'registry', 'q_r'),
      via: repos,
    },
    {
      token: 'repo.repository',
      type: 'keyword',
      description: 'repository of the image holding the package',
      column: col('image_repos', 'repository', 'q_r'),
      via: repos,
    },
    {
      token: 'repo.tag',
      type: 'keyword',
      description: 'tag of the image holding the package',
      column: col('image_repos', 'tag', 'q_r'),
      via: repos,
    },
  ],
};
