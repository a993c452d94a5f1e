import type { Package } from '../model.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order for every encoder: type, name, version, then path, so output diffs cleanly. */
export function sortPackages(packages: readonly Package[]): Package[] {
  return [...packages].sort(
    (a, b) =>
      compare(a.type, b.type) ||
      compare(a.name, b.name) ||
      compare(a.version, b.version) ||
      compare(a.location.path, b.location.path) ||
      compare(a.arch ?? '', b.arch ?? ''),
  );
}

/** What makes two package records the same package at the same place (for ref lookups). */
export function packageKey(pkg: Package): string {
  return [
    pkg.type,
    pkg.name,
    pkg.version,
    pkg.arch ?? '',
    pkg.location.path,
    pkg.location.layer?.diffID ?? '',
  ].join('\u0000');
}

/** The package types a distribution's package manager installs (the one place that decides it). */
export function isOsPackageType(type: string): boolean {
  return type === 'deb' || type === 'rpm' || type === 'apk';
}

export function isOsPackage(pkg: Pick<Package, 'type'>): boolean {
  return isOsPackageType(pkg.type);
}
