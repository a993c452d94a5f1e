/**
 * Shared distro strategy. Distro advisories are the only ones that apply to distro
 * packages: a generic upstream range would flag every backported fix as vulnerable.
 */
import type { OSFamily, OSInfo, Package, PackageType } from '../../sbom/model.js';
import type { Matcher, MatchTarget } from '../matcher-types.js';

/**
 * - `source`: the distro's advisories name source packages (Debian, Ubuntu) or origins
 *   (Alpine, Wolfi); a package without a recorded source is its own source.
 * - `binary-then-source`: advisories name binary rpms (RHEL, Rocky, Alma, SUSE); the
 *   source rpm name is tried too, for advisories that list only the main package.
 */
export type DistroNaming = 'source' | 'binary-then-source';

export interface DistroMatcherSpec {
  name: string;
  packageType: PackageType;
  osFamilies: readonly OSFamily[];
  naming: DistroNaming;
  /** The OSV ecosystems holding this release's advisories; empty when the release is unknown. */
  ecosystems(os: OSInfo): string[];
  /** Ecosystem prefixes resolved against the database (see `MatchTarget.ecosystemPrefixes`). */
  ecosystemPrefixes?(os: OSInfo): string[];
}

/** The version string the distro's comparator expects: rpm shows the epoch only when set. */
function fullVersion(pkg: Package, version: string): string {
  if (pkg.type === 'rpm' && pkg.epoch && !version.includes(':')) return `${pkg.epoch}:${version}`;
  return version;
}

function distroTargets(spec: DistroMatcherSpec, pkg: Package, os: OSInfo | undefined): MatchTarget[] {
  if (!os) return [];
  const ecosystems = spec.ecosystems(os);
  const prefixes = spec.ecosystemPrefixes?.(os) ?? [];
  if (ecosystems.length === 0 && prefixes.length === 0) return [];
  const where = prefixes.length > 0 ? { ecosystems, ecosystemPrefixes: prefixes } : { ecosystems };
  const source = pkg.source?.name ? pkg.source : undefined;
  // Debian's binNMUs (`+b1`) exist only on the binary: the source version is the one advisories list.
  const sourceTarget: MatchTarget = source
    ? {
        ...where,
        name: source.name,
        via: 'source',
        version: fullVersion(pkg, source.version || pkg.version),
      }
    : { ...where, name: pkg.name, via: 'name', version: fullVersion(pkg, pkg.version) };
  if (spec.naming === 'source') return [sourceTarget];
  const binary: MatchTarget = {
    ...where,
    name: pkg.name,
    via: 'name',
    version: fullVersion(pkg, pkg.version),
  };
  return source && source.name !== pkg.name ? [binary, sourceTarget] : [binary];
}

export function defineDistroMatcher(spec: DistroMatcherSpec): Matcher {
  return {
    name: spec.name,
    packageTypes: [spec.packageType],
    osFamilies: spec.osFamilies,
    targets: (pkg, os) => distroTargets(spec, pkg, os),
  };
}

/** `3.20.3` → [`3`, `20`, `3`]; empty parts dropped. */
export function versionParts(version: string): string[] {
  return version.split(/[.\s]/).filter((part) => /^\d+$/.test(part));
}
