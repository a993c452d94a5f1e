/** Software and vulnerabilities of one asset (image or container), for the detail routes. */
import { sql } from 'kysely';
import type { AssetType } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { msString } from './list-query.js';

export async function assetSoftware(scope: TenantScope, assetUuid: string) {
  const rows = await scope
    .selectFrom('software')
    .select([
      'id',
      'name',
      'version',
      'ecosystem',
      'kind',
      'purl',
      'source_name',
      'source_version',
      'layer_digest',
      'path',
    ])
    .where('asset_uuid', '=', assetUuid)
    .orderBy('name')
    .orderBy('version')
    .orderBy('id')
    .execute();
  const vulns = await scope
    .selectFrom('findings')
    .innerJoin('vulnerabilities', 'vulnerabilities.id', 'findings.vulnerability_id')
    .select(['findings.software_id', 'vulnerabilities.qid', 'findings.fixed_version'])
    .where('findings.asset_uuid', '=', assetUuid)
    .where('findings.closed_at', 'is', null)
    .execute();
  return rows.map((r) => {
    const mine = vulns.filter((v) => v.software_id === r.id);
    return {
      name: r.name,
      version: r.version,
      ecosystem: r.ecosystem,
      type: r.kind,
      purl: r.purl,
      sourceName: r.source_name,
      sourceVersion: r.source_version,
      layerDigest: r.layer_digest,
      path: r.path,
      fixVersion: mine.find((v) => v.fixed_version !== null)?.fixed_version ?? null,
      vulnerabilities: mine.map((v) => ({ qid: v.qid })),
    };
  });
}

/**
 * The asset's open findings with their vulnerability and package rows joined: what the
 * vuln routes and the CI poll route (ci-results-repository.ts) each select from.
 */
export function openFindingsOf(scope: TenantScope, assetUuid: string) {
  return scope
    .selectFrom('findings')
    .innerJoin('vulnerabilities', 'vulnerabilities.id', 'findings.vulnerability_id')
    .innerJoin('software', 'software.id', 'findings.software_id')
    .where('findings.asset_uuid', '=', assetUuid)
    .where('findings.closed_at', 'is', null);
}

export async function assetVulnerabilities(scope: TenantScope, assetUuid: string) {
  const rows = await openFindingsOf(scope, assetUuid)
    .select([
      'vulnerabilities.id',
      'vulnerabilities.qid',
      'vulnerabilities.cve',
      'vulnerabilities.title',
      'vulnerabilities.severity',
      'vulnerabilities.cvss_score',
      'vulnerabilities.published',
      'findings.first_found',
      'findings.last_found',
      'findings.fixed_version',
      'software.name',
      'software.version',
    ])
    .orderBy('vulnerabilities.severity', 'desc')
    .orderBy('vulnerabilities.qid')
    .execute();
  const byVuln = new Map<string, ReturnType<typeof toVuln>>();
  function toVuln(r: (typeof rows)[number]) {
    return {
      qid: r.qid,
      id: r.id,
      cveids: r.cve ? [r.cve] : [],
      title: r.title,
      severity: r.severity,
      cvssScore: r.cvss_score,
      published: msString(r.published),
      firstFound: msString(r.first_found),
      lastFound: msString(r.last_found),
      software: [] as { name: string; version: string; fixVersion: string | null }[],
    };
  }
  for (const r of rows) {
    let v = byVuln.get(r.id);
    if (!v) {
      v = toVuln(r);
      byVuln.set(r.id, v);
    }
    v.software.push({ name: r.name, version: r.version, fixVersion: r.fixed_version });
  }
  return [...byVuln.values()];
}

/** Distinct open vulnerabilities of the asset per severity. */
export async function assetVulnerabilityCount(scope: TenantScope, assetUuid: string) {
  const rows = await scope
    .selectFrom('findings')
    .select(['severity', sql<number>`count(distinct findings.vulnerability_id)`.as('n')])
    .where('asset_uuid', '=', assetUuid)
    .where('closed_at', 'is', null)
    .groupBy('severity')
    .execute();
  const n = (s: number) => Number(rows.find((r) => r.severity === s)?.n ?? 0);
  return {
    severity5Count: n(5),
    severity3Count: n(3),
    severity4Count: n(4),
    severity1Count: n(1),
    severity2Count: n(2),
  };
}

/** Why the asset could not be (fully) checked (its `scan_error`), null when it was. */
export async function assetScanError(
  scope: TenantScope,
  assetType: AssetType,
  assetUuid: string,
): Promise<string | null> {
  const row =
    assetType === 'IMAGE'
      ? await scope.selectFrom('images').select('scan_error').where('id', '=', assetUuid).executeTakeFirst()
      : await scope
          .selectFrom('containers')
          .select('scan_error')
          .where('id', '=', assetUuid)
          .executeTakeFirst();
  return row?.scan_error ?? null;
}
