import type { Package, Sbom } from '../model.js';
import type { SbomFormat } from './format-types.js';
import { sortPackages } from './package-order.js';

/** Model field order, so documents diff cleanly whatever order analyzers filled them in. */
const packageKeys: (keyof Package)[] = [
  'type',
  'name',
  'version',
  'epoch',
  'arch',
  'namespace',
  'source',
  'licenses',
  'origin',
  'purl',
  'location',
  'otherLocations',
  'dev',
  'confidence',
];

function orderedPackage(pkg: Package): Package {
  const out: Record<string, unknown> = {};
  for (const k of packageKeys) if (pkg[k] !== undefined) out[k] = pkg[k];
  const layer = pkg.location.layer;
  out.location = {
    path: pkg.location.path,
    ...(layer
      ? {
          layer: {
            index: layer.index,
            diffID: layer.diffID,
            ...(layer.digest ? { digest: layer.digest } : {}),
          },
        }
      : {}),
  };
  return out as unknown as Package;
}

/** The Sbom itself, with a fixed key order and packages sorted. */
export function normalizeSbom(sbom: Sbom): Sbom {
  return {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: sbom.image,
    ...(sbom.os ? { os: sbom.os } : {}),
    layers: [...sbom.layers].sort((a, b) => a.index - b.index),
    packages: sortPackages(sbom.packages).map(orderedPackage),
    unknowns: [...sbom.unknowns].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

export const bulwarkJson: SbomFormat = {
  name: 'json',
  description: "Bulwark's own SBOM JSON (lossless; what `scan --sbom` reads back)",
  encode: (sbom) => `${JSON.stringify(normalizeSbom(sbom), null, 2)}\n`,
};
