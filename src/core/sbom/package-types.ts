import { isOsPackage } from './format/package-order.js';
import type { Sbom } from './model.js';

/** Trivy's `--pkg-types`: packages of the OS (deb, rpm, apk) and language libraries. */
export const packageTypeChoices = ['os', 'library'] as const;
export type PackageTypeChoice = (typeof packageTypeChoices)[number];

/** The SBOM with only the chosen kinds of package; the same SBOM when both are chosen. */
export function restrictPackages(sbom: Sbom, types: readonly PackageTypeChoice[] | undefined): Sbom {
  if (!types || packageTypeChoices.every((t) => types.includes(t))) return sbom;
  const keepOs = types.includes('os');
  const keepLibrary = types.includes('library');
  const packages = sbom.packages.filter((p) => (isOsPackage(p) ? keepOs : keepLibrary));
  return { ...sbom, packages };
}
