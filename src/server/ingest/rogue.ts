/**
 * Rogue containers, as the reference defines them: a container whose SBOM (its image plus
 * its writable layer) holds vulnerabilities or software its image does not.
 * - vulnerabilities: new (in the container, not the image), fixed (in the image, not the
 *   container), varied (in both, but found in different packages or versions);
 * - software: new (in the container, not the image), removed (in the image, not the container).
 * Compared on open findings and stored software of both assets; kept as JSON on the
 * container with `is_rogue`, so lists and QQL (`isRogue:true`) need no recomputation.
 */
import type { RogueReport, RogueSoftware, RogueVulnerability } from '../../db/repositories/rogue-types.js';
import type { TenantScope } from '../../db/tenant.js';

export type { RogueReport, RogueSoftware, RogueVulnerability };

async function softwareOf(scope: TenantScope, uuid: string): Promise<Map<string, RogueSoftware>> {
  const rows = await scope
    .selectFrom('software')
    .select(['name', 'version', 'ecosystem'])
    .where('asset_uuid', '=', uuid)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.ecosystem ?? ''}\u0000${r.name}\u0000${r.version}`,
      { name: r.name, version: r.version },
    ]),
  );
}

/** vulnerability id → the vulnerability and how it was detected (package@version list). */
async function findingsOf(scope: TenantScope, uuid: string) {
  const rows = await scope
    .selectFrom('findings')
    .innerJoin('vulnerabilities', 'vulnerabilities.id', 'findings.vulnerability_id')
    .innerJoin('software', 'software.id', 'findings.software_id')
    .select([
      'vulnerabilities.id',
      'vulnerabilities.qid',
      'vulnerabilities.severity',
      'software.name',
      'software.version',
    ])
    .where('findings.asset_uuid', '=', uuid)
    .where('findings.closed_at', 'is', null)
    .execute();
  const out = new Map<string, { v: RogueVulnerability; detection: Set<string> }>();
  for (const r of rows) {
    const entry = out.get(r.id) ?? {
      v: { qid: Number(r.qid), id: r.id, severity: r.severity },
      detection: new Set(),
    };
    entry.detection.add(`${r.name}@${r.version}`);
    out.set(r.id, entry);
  }
  return out;
}

const byName = (a: RogueSoftware, b: RogueSoftware) =>
  a.name.localeCompare(b.name) || a.version.localeCompare(b.version);
const byQid = (a: RogueVulnerability, b: RogueVulnerability) => a.qid - b.qid;

export async function compareWithImage(
  scope: TenantScope,
  containerUuid: string,
  imageUuid: string,
): Promise<RogueReport> {
  const [cs, is, cf, imf] = await Promise.all([
    softwareOf(scope, containerUuid),
    softwareOf(scope, imageUuid),
    findingsOf(scope, containerUuid),
    findingsOf(scope, imageUuid),
  ]);
  const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  return {
    vulnerabilities: {
      new: [...cf]
        .filter(([id]) => !imf.has(id))
        .map(([, e]) => e.v)
        .sort(byQid),
      fixed: [...imf]
        .filter(([id]) => !cf.has(id))
        .map(([, e]) => e.v)
        .sort(byQid),
      varied: [...cf]
        .filter(([id, e]) => {
          const other = imf.get(id);
          return other !== undefined && !sameSet(e.detection, other.detection);
        })
        .map(([, e]) => e.v)
        .sort(byQid),
    },
    software: {
      new: [...cs]
        .filter(([k]) => !is.has(k))
        .map(([, s]) => s)
        .sort(byName),
      removed: [...is]
        .filter(([k]) => !cs.has(k))
        .map(([, s]) => s)
        .sort(byName),
    },
  };
}

export function isRogue(r: RogueReport): boolean {
  return (
    r.vulnerabilities.new.length +
      r.vulnerabilities.fixed.length +
      r.vulnerabilities.varied.length +
      r.software.new.length +
      r.software.removed.length >
    0
  );
}

/**
 * Recomputes and stores the comparison for one container; leaves it "not rogue, unknown"
 * (null) while either SBOM is missing — an absent SBOM is not a clean one.
 */
export async function refreshRogue(scope: TenantScope, containerUuid: string): Promise<RogueReport | null> {
  const c = await scope
    .selectFrom('containers')
    .select(['image_uuid', 'last_scanned'])
    .where('id', '=', containerUuid)
    .executeTakeFirst();
  const image = c?.image_uuid
    ? await scope
        .selectFrom('images')
        .select(['id', 'last_scanned'])
        .where('id', '=', c.image_uuid)
        .executeTakeFirst()
    : undefined;
  if (!c || !image || c.last_scanned === null || image.last_scanned === null) {
    await scope
      .updateTable('containers')
      .set({ rogue_json: null, is_rogue: 0 })
      .where('id', '=', containerUuid)
      .execute();
    return null;
  }
  const report = await compareWithImage(scope, containerUuid, image.id);
  await scope
    .updateTable('containers')
    .set({ rogue_json: JSON.stringify(report), is_rogue: isRogue(report) ? 1 : 0 })
    .where('id', '=', containerUuid)
    .execute();
  return report;
}

/** The scanned containers of these images: those whose rogue lists compare with them. */
export async function scannedContainersOf(
  scope: TenantScope,
  imageUuids: readonly string[],
): Promise<string[]> {
  if (imageUuids.length === 0) return [];
  const rows = await scope
    .selectFrom('containers')
    .select('id')
    .where('image_uuid', 'in', imageUuids)
    .where('last_scanned', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}

/** After an image's SBOM or findings change, every scanned container of it is compared again. */
export async function refreshRogueForImage(scope: TenantScope, imageUuid: string): Promise<void> {
  for (const id of await scannedContainersOf(scope, [imageUuid])) await refreshRogue(scope, id);
}
