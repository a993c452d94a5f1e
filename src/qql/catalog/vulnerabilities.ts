/**
 * QQL tokens of vulnerabilities (`GET /csapi/v1.1/vulnerabilities`). Main table:
 * `vulnerabilities`, which is shared reference data; the server's base query keeps only
 * those with an open finding of the caller's customer. Tokens about where a
 * vulnerability is found go through that customer's open findings.
 */
import { sql } from 'kysely';
import { col, type QqlEntityCatalog, type QqlRelation, tableAs } from './types.js';

const id = col('vulnerabilities', 'id');

/** Open findings of this vulnerability, of the caller's customer, joined to `join`. */
function findingsWith(join?: ReturnType<typeof sql>): QqlRelation {
  const findings = tableAs('findings', 'q_f');
  return {
    name: 'findings',
    from: join ? sql`${findings} inner join ${join}` : findings,
    childKey: col('findings', 'vulnerability_id', 'q_f'),
    rootKey: id,
    customer: col('findings', 'customer_id', 'q_f'),
    where: sql`${sql.ref('q_f.closed_at')} is null`,
  };
}

const findings = findingsWith();
/**
 * Packages first, then their open findings: `cross join` fixes that order on SQLite (its
 * planner otherwise walks every open finding of the customer and looks each package up);
 * PostgreSQL plans it as any inner join. A package term selects few of the millions of
 * packages, and each finds its findings through `findings_open_software`.
 */
const software: QqlRelation = {
  ...findingsWith(),
  from: sql`${tableAs('software', 'q_s')} cross join ${tableAs('findings', 'q_f')}`,
  // Same customer on both sides (always true) lets the package index be searched by customer.
  where: sql`${sql.ref('q_f.software_id')} = ${sql.ref('q_s.id')} and ${sql.ref('q_s.customer_id')} = ${sql.ref('q_f.customer_id')} and ${sql.ref('q_f.closed_at')} is null`,
};
const images = findingsWith(
  sql`${tableAs('images', 'q_i')} on ${sql.ref('q_i.id')} = ${sql.ref('q_f.asset_uuid')}`,
);
const containers = findingsWith(
  sql`${tableAs('containers', 'q_c')} on ${sql.ref('q_c.id')} = ${sql.ref('q_f.asset_uuid')}`,
);
const repos = findingsWith(
  sql`${tableAs('image_repos', 'q_r')} on ${sql.ref('q_r.image_uuid')} = ${sql.ref('q_f.asset_uuid')}`,
);
const aliases: QqlRelation = {
  name: 'alias',
  from: tableAs('vulnerability_aliases', 'q_a'),
  childKey: col('vulnerability_aliases', 'vulnerability_id', 'q_a'),
  rootKey: id,
};

export const vulnerabilitiesCatalog: QqlEntityCatalog = {
  table: 'vulnerabilities',
  key: id,
  defaultSort: { token: 'severity', direction: 'desc' },
  tokens: [
    {
      token: 'id',
      type: 'keyword',
      description: 'advisory id (CVE-…, GHSA-…, DSA-…)',
      column: id,
      sortable: true,
    },
    {
      token: 'qid',
      type: 'number',
      description: 'stable numeric id',
      column: col('vulnerabilities', 'qid'),
      sortable: true,
    },
    {
      token: 'cve',
      type: 'keyword',
      storedCase: 'upper',
      description: 'CVE id (CVE-2021-44228, CVE-2024-*)',
      column: col('vulnerabilities', 'cve'),
      sortable: true,
    },
    {
      token: 'alias',
      type: 'keyword',
      description: 'another id of the same vulnerability',
      column: col('vulnerability_aliases', 'alias', 'q_a'),
      via: aliases,
    },
    {
      token: 'title',
      type: 'text',
      description: 'words in the title',
      column: col('vulnerabilities', 'title'),
      sortable: true,
    },
    {
      token: 'severity',
      type: 'number',
      description: '1 (informational) to 5 (urgent)',
      column: col('vulnerabilities', 'severity'),
      sortable: true,
    },
    {
      token: 'cvssScore',
      type: 'number',
      description: 'CVSS base score',
      column: col('vulnerabilities', 'cvss_score'),
      sortable: true,
    },
    {
      token: 'published',
      type: 'date',
      description: 'when the advisory was published',
      column: col('vulnerabilities', 'published'),
      sortable: true,
    },
    {
      token: 'modified',
      type: 'date',
      description: 'when the advisory last changed',
      column: col('vulnerabilities', 'modified'),
      sortable: true,
    },
    {
      token: 'fixedVersion',
      type: 'keyword',
      description: 'version that fixes some open finding (fixedVersion:* = fixable)',
      column: col('findings', 'fixed_version', 'q_f'),
      via: findings,
    },
    {
      token: 'firstFound',
      type: 'date',
      description: 'when some open finding was first found',
      column: col('findings', 'first_found', 'q_f'),
      via: findings,
    },
    {
      token: 'software.name',
      type: 'keyword',
      description: 'name of an affected package',
      column: col('software', 'name', 'q_s'),
      via: software,
    },
    {
      token: 'software.version',
      type: 'keyword',
      description: 'version of an affected package',
      column: col('software', 'version', 'q_s'),
      via: software,
    },
    {
      token: 'software.ecosystem',
      type: 'keyword',
      description: 'ecosystem of an affected package',
      column: col('software', 'ecosystem', 'q_s'),
      via: software,
    },
    {
      token: 'image.imageId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'an affected image',
      column: col('images', 'image_id', 'q_i'),
      via: images,
    },
    {
      token: 'image.sha',
      type: 'keyword',
      storedCase: 'lower',
      description: 'an affected image, by digest',
      column: col('images', 'sha', 'q_i'),
      via: images,
    },
    {
      token: 'container.containerId',
      type: 'keyword',
      storedCase: 'lower',
      description: 'an affected container',
      column: col('containers', 'container_id', 'q_c'),
      via: containers,
    },
    {
      token: 'container.state',
      type: 'enum',
      values: ['CREATED', 'RUNNING', 'PAUSED', 'STOPPED', 'DELETED'],
      description: 'state of an affected container',
      column: col('containers', 'state', 'q_c'),
      via: containers,
    },
    {
      token: 'repo.registry',
      type: 'keyword',
      description: 'registry of an affected image',
      column: col('image_repos', 'registry', 'q_r'),
      via: repos,
    },
    {
      token: 'repo.repository',
      type: 'keyword',
      description: 'repository of an affected image',
      column: col('image_repos', 'repository', 'q_r'),
      via: repos,
    },
    {
      token: 'repo.tag',
      type: 'keyword',
      description: 'tag of an affected image',
      column: col('image_repos', 'tag', 'q_r'),
      via: repos,
    },
  ],
};
