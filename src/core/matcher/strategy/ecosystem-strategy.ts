/**
 * Shared language strategy: one OSV ecosystem, the package's own name (as the
 * ecosystem spells it) and version.
 */
import type { Package, PackageType } from '../../sbom/model.js';
import type { Matcher } from '../matcher-types.js';

export interface LanguageMatcherSpec {
  name: string;
  packageType: PackageType;
  ecosystem: string;
  /** The name advisories use; default the package name as recorded. */
  lookupName?(pkg: Package): string;
  /** The version advisories compare against; default the recorded version. */
  lookupVersion?(pkg: Package): string;
}

export function defineLanguageMatcher(spec: LanguageMatcherSpec): Matcher {
  return {
    name: spec.name,
    packageTypes: [spec.packageType],
    // A package from git, a URL or a local path is other code than the registry package of
    // that name: registry advisories do not describe it (Package.origin).
    targets: (pkg) =>
      pkg.origin
        ? []
        : [
            {
              ecosystems: [spec.ecosystem],
              name: spec.lookupName ? spec.lookupName(pkg) : pkg.name,
              via: 'name',
              version: spec.lookupVersion ? spec.lookupVersion(pkg) : pkg.version,
            },
          ],
  };
}

/** `group` + `artifact` → `group:artifact` (Maven), `vendor` + `name` → `vendor/name` (Packagist). */
export function joinNamespace(pkg: Package, separator: string): string {
  if (!pkg.namespace || pkg.name.includes(separator)) return pkg.name;
  return `${pkg.namespace}${separator}${pkg.name}`;
}
