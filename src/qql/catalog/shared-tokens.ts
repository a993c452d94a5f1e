/** Token groups several entities share (an image's and a container's findings read alike). */
import {
  containerLabelsOf,
  findingsOf,
  imageLabelsOf,
  reposOf,
  softwareOf,
  vulnerabilitiesOf,
} from './relations.js';
import { col, type QqlColumn, type QqlTokenDef } from './types.js';

/** `vulnerabilities.*` of an asset (image or container) whose uuid is `rootKey`. */
export function assetVulnerabilityTokens(table: 'images' | 'containers', rootKey: QqlColumn): QqlTokenDef[] {
  const findings = findingsOf(rootKey);
  const vulns = vulnerabilitiesOf(rootKey);
  // While `scan_error` is set the asset's vulnerabilities are unknown (the API answers
  // `vulnerabilities: null`): see QqlUnknownWhile.
  const uncheckedTotals = { column: col(table, 'scan_error'), unknown: 'both' } as const;
  const uncheckedFindings = { column: col(table, 'scan_error'), unknown: 'negated' } as const;
  const counts: QqlTokenDef[] = [1, 2, 3, 4, 5].map((n) => ({
    token: `vulnerabilities.severity${n}Count`,
    type: 'number',
    description: `number of open findings of severity ${n}`,
    column: col(table, `severity${n}_count` as 'severity1_count'),
    sortable: true,
    unknownWhile: uncheckedTotals,
  }));
  return [
    {
      token: 'vulnerabilities.severity',
      type: 'severity',
      description:
        'severity (1-5) of some open finding: vulnerabilities.severity:5, vulnerabilities.severity>=4',
      column: col(table, 'max_severity'),
      unknownWhile: uncheckedTotals,
    },
    {
      token: 'vulnerabilities.maxSeverity',
      type: 'number',
      description: 'highest severity of the open findings, 0 when there is none',
      column: col(table, 'max_severity'),
      sortable: true,
      unknownWhile: uncheckedTotals,
    },
    ...counts,
    {
      token: 'vulnerabilities.cve',
      type: 'keyword',
      storedCase: 'upper',
      description: 'CVE id of some open finding: vulnerabilities.cve:CVE-2021-44228, CVE-2024-*',
      column: col('vulnerabilities', 'cve', 'q_v'),
      via: vulns,
      lookup: {
        name: 'vulnerability-ids-by-cve',
        column: col('findings', 'vulnerability_id', 'q_f'),
        via: findings,
      },
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.qid',
      type: 'number',
      description: 'stable numeric id of the vulnerability of some open finding',
      column: col('vulnerabilities', 'qid', 'q_v'),
      via: vulns,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.id',
      type: 'keyword',
      description: 'advisory id (CVE-…, GHSA-…, DSA-…) of some open finding',
      column: col('findings', 'vulnerability_id', 'q_f'),
      via: findings,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.title',
      type: 'text',
      description: 'words in the title of the vulnerability of some open finding',
      column: col('vulnerabilities', 'title', 'q_v'),
      via: vulns,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.cvssScore',
      type: 'number',
      description: 'CVSS base score of the vulnerability of some open finding',
      column: col('vulnerabilities', 'cvss_score', 'q_v'),
      via: vulns,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.fixedVersion',
      type: 'keyword',
      description: 'version that fixes some open finding (vulnerabilities.fixedVersion:* = fixable)',
      column: col('findings', 'fixed_version', 'q_f'),
      via: findings,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.confirmed',
      type: 'boolean',
      description:
        'some open finding is confirmed (true) or only potential (false: unparsable version, heuristic identification)',
      column: col('findings', 'confirmed', 'q_f'),
      via: findings,
      unknownWhile: uncheckedFindings,
    },
    {
      token: 'vulnerabilities.firstFound',
      type: 'date',
      description: 'when some open finding was first found',
      column: col('findings', 'first_found', 'q_f'),
      via: findings,
      unknownWhile: uncheckedFindings,
    },
  ];
}

/** `software.*` of an asset whose uuid is `rootKey`. */
export function assetSoftwareTokens(rootKey: QqlColumn): QqlTokenDef[] {
  const via = softwareOf(rootKey);
  return [
    {
      token: 'software.name',
      type: 'keyword',
      description: 'name of an installed package',
      column: col('software', 'name', 'q_s'),
      via,
    },
    {
      token: 'software.version',
      type: 'keyword',
      description: 'version of an installed package',
      column: col('software', 'version', 'q_s'),
      via,
    },
    {
      token: 'software.ecosystem',
      type: 'keyword',
      description: 'ecosystem of an installed package (Debian:12, npm, PyPI…)',
      column: col('software', 'ecosystem', 'q_s'),
      via,
    },
    {
      token: 'software.purl',
      type: 'keyword',
      description: 'package URL of an installed package',
      column: col('software', 'purl', 'q_s'),
      via,
    },
    {
      token: 'software.kind',
      type: 'enum',
      values: ['os', 'lang'],
      description: 'os (distribution package) or lang (application dependency)',
      column: col('software', 'kind', 'q_s'),
      via,
    },
  ];
}

/** `repo.*` of the image whose uuid is `rootKey`. */
export function repoTokens(rootKey: QqlColumn): QqlTokenDef[] {
  const via = reposOf(rootKey);
  return [
    {
      token: 'repo.registry',
      type: 'keyword',
      description: 'registry host the image is known from (docker.io)',
      column: col('image_repos', 'registry', 'q_r'),
      via,
    },
    {
      token: 'repo.repository',
      type: 'keyword',
      description: 'repository name (library/nginx)',
      column: col('image_repos', 'repository', 'q_r'),
      via,
    },
    {
      token: 'repo.tag',
      type: 'keyword',
      description: 'tag (latest, 1.25)',
      column: col('image_repos', 'tag', 'q_r'),
      via,
      fewValues: true,
    },
    {
      token: 'registryUuid',
      type: 'keyword',
      storedCase: 'lower',
      description: 'uuid of a registry the image was scanned from',
      column: col('image_repos', 'registry_uuid', 'q_r'),
      via,
    },
  ];
}

export function labelTokens(owner: 'image' | 'container', rootKey: QqlColumn): QqlTokenDef[] {
  const via = owner === 'image' ? imageLabelsOf(rootKey) : containerLabelsOf(rootKey);
  const table = owner === 'image' ? 'image_labels' : 'container_labels';
  return [
    {
      token: 'label.key',
      type: 'keyword',
      description: 'key of a label',
      column: col(table, 'key', 'q_l'),
      via,
      fewValues: true,
    },
    {
      token: 'label.value',
      type: 'keyword',
      description: 'value of a label',
      column: col(table, 'value', 'q_l'),
      via,
    },
  ];
}
