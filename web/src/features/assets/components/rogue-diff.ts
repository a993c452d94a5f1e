/**
 * Rogue differences of a container against its image: software added or removed (by name
 * and version) and vulnerabilities new, fixed or varied (same id, different package set).
 */
import type { AssetSoftware, AssetVulnerability } from '../api/types';

export interface RogueDiff {
  newSoftware: AssetSoftware[];
  removedSoftware: AssetSoftware[];
  newVulns: AssetVulnerability[];
  fixedVulns: AssetVulnerability[];
  variedVulns: AssetVulnerability[];
}

const swKey = (s: { name: string; version: string }) => `${s.name}@${s.version}`;
const pkgSet = (v: AssetVulnerability) => v.software.map(swKey).sort().join(',');

export function rogueDiff(
  container: { software: AssetSoftware[]; vulns: AssetVulnerability[] },
  image: { software: AssetSoftware[]; vulns: AssetVulnerability[] },
): RogueDiff {
  const imgSw = new Set(image.software.map(swKey));
  const ctrSw = new Set(container.software.map(swKey));
  const imgV = new Map(image.vulns.map((v) => [v.id, v]));
  const ctrV = new Map(container.vulns.map((v) => [v.id, v]));
  return {
    newSoftware: container.software.filter((s) => !imgSw.has(swKey(s))),
    removedSoftware: image.software.filter((s) => !ctrSw.has(swKey(s))),
    newVulns: container.vulns.filter((v) => !imgV.has(v.id)),
    fixedVulns: image.vulns.filter((v) => !ctrV.has(v.id)),
    variedVulns: container.vulns.filter((v) => {
      const i = imgV.get(v.id);
      return i !== undefined && pkgSet(i) !== pkgSet(v);
    }),
  };
}
