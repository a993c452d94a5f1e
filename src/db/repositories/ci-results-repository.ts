/**
 * What `bulwark ci` polls: whether the server has finished with an image's latest SBOM
 * (stored and matched), and then its open findings with everything a CI report and its
 * fail conditions need (aliases, CVSS vector, fix, patchable, package path and type).
 */
import type { TenantScope } from '../tenant.js';
import { openFindingsOf } from './asset-findings-repository.js';
import { msString } from './list-query.js';

/** Called once matching of an uploaded image SBOM is done (src/server/ingest/after-ingest.ts). */
export async function markImageMatched(
  scope: TenantScope,
  imageUuid: string,
  vulnsChecked: boolean,
  now = Date.now(),
): Promise<void> {
  const image = await scope
    .selectFrom('images')
    .select('last_scanned')
    .where('id', '=', imageUuid)
    .executeTakeFirst();
  if (!image || image.last_scanned === null) return;
  const scannedAt = image.last_scanned;
  await scope.transaction(async (tx) => {
    await tx.deleteFrom('image_match_marks').where('image_uuid', '=', imageUuid).execute();
    await tx.insert('image_match_marks', [
      { image_uuid: imageUuid, scanned_at: scannedAt, matched_at: now, vulns_checked: vulnsChecked ? 1 : 0 },
    ]);
  });
}

function packageType(matchJson: string | null): string | null {
  if (!matchJson) return null;
  try {
    const facts = JSON.parse(matchJson) as { t?: unknown };
    return typeof facts.t === 'string' ? facts.t : null;
  } catch {
    return null;
  }
}

function aliasesOf(json: string): string[] {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

/** `processing` until the latest SBOM of the image is stored and matched; then the results. */
export async function ciImageResult(scope: TenantScope, ref: string) {
  const id = ref.replace(/^sha256:/, '');
  const image = await scope
    .selectFrom('images')
    .leftJoin('image_match_marks', 'image_match_marks.image_uuid', 'images.id')
    .select([
      'images.id',
      'images.sha',
      'images.image_id',
      'images.operating_system',
      'images.last_scanned',
      'images.scan_error',
      'image_match_marks.scanned_at',
      'image_match_marks.matched_at',
    ])
    .where((eb) =>
      eb.or([eb('images.id', '=', id), eb('images.sha', '=', id), eb('images.image_id', '=', id)]),
    )
    .limit(1)
    .executeTakeFirst();
  if (
    !image ||
    image.last_scanned === null ||
    image.matched_at === null ||
    image.scanned_at !== image.last_scanned
  )
    return { state: 'processing' as const };
  const repos = await scope
    .selectFrom('image_repos')
    .select(['registry', 'repository', 'tag'])
    .where('image_uuid', '=', image.id)
    .orderBy('id')
    .execute();
  const rows = await openFindingsOf(scope, image.id)
    .select([
      'vulnerabilities.id',
      'vulnerabilities.qid',
      'vulnerabilities.aliases_json',
      'vulnerabilities.title',
      'vulnerabilities.severity',
      'vulnerabilities.cvss_score',
      'vulnerabilities.cvss_vector',
      'vulnerabilities.published',
      'findings.fixed_version',
      'findings.patchable',
      'software.name',
      'software.version',
      'software.ecosystem',
      'software.purl',
      'software.path',
      'software.match_json',
    ])
    .orderBy('vulnerabilities.severity', 'desc')
    .orderBy('vulnerabilities.id')
    .orderBy('software.name')
    .execute();
  type Row = (typeof rows)[number];
  // The answer's shape is ci-schemas.ts (the route validates against it).
  const toPackage = (r: Row) => ({
    name: r.name,
    version: r.version,
    type: packageType(r.match_json),
    ecosystem: r.ecosystem,
    purl: r.purl,
    path: r.path,
    fixedVersion: r.fixed_version,
    patchable: Number(r.patchable) === 1,
  });
  const toVulnerability = (r: Row) => ({
    id: r.id,
    qid: r.qid,
    aliases: aliasesOf(r.aliases_json),
    title: r.title,
    severity: r.severity,
    cvssScore: r.cvss_score,
    cvssVector: r.cvss_vector,
    published: r.published === null ? null : msString(r.published),
    packages: [] as ReturnType<typeof toPackage>[],
  });
  const byId = new Map<string, ReturnType<typeof toVulnerability>>();
  for (const r of rows) {
    let v = byId.get(r.id);
    if (!v) {
      v = toVulnerability(r);
      byId.set(r.id, v);
    }
    v.packages.push(toPackage(r));
  }
  return {
    state: 'complete' as const,
    result: {
      uuid: image.id,
      sha: image.sha,
      imageId: image.image_id,
      repoTags: repos.map((r) => `${r.registry ? `${r.registry}/` : ''}${r.repository}:${r.tag ?? '<none>'}`),
      operatingSystem: image.operating_system,
      lastScanned: msString(image.last_scanned),
      matchedAt: String(image.matched_at),
      // The asset's live state, not the mark's: a later re-match that checked it (a database
      // arrived, its OS release got data) clears it, one that still could not sets it anew.
      vulnerabilitiesChecked: image.scan_error === null,
      scanError: image.scan_error,
      vulnerabilities: [...byId.values()],
    },
  };
}
