import { apk } from './apk.js';
import { composer } from './composer.js';
import { conan } from './conan.js';
import { cran } from './cran.js';
import { deb } from './deb.js';
import { gem } from './gem.js';
import { go } from './go.js';
import { maven } from './maven.js';
import { nuget } from './nuget.js';
import { pep440 } from './pep440.js';
import { pvp } from './pvp.js';
import { rpm } from './rpm.js';
import { semver } from './semver.js';
import type { SchemeName, VersionScheme } from './types.js';

/** Every version scheme, by name. Adding an ecosystem: one file, one line here. */
export const versionSchemes = {
  deb,
  rpm,
  apk,
  semver,
  pep440,
  maven,
  go,
  gem,
  nuget,
  composer,
  cran,
  conan,
  pvp,
} satisfies Record<SchemeName, VersionScheme<unknown>>;

/** OSV ecosystem family (the part before the first `:`) → scheme. */
const BY_ECOSYSTEM: Record<string, SchemeName> = {
  Debian: 'deb',
  Ubuntu: 'deb',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  'Red Hat': 'rpm',
  'Rocky Linux': 'rpm',
  AlmaLinux: 'rpm',
  SUSE: 'rpm',
  openSUSE: 'rpm',
  'Photon OS': 'rpm',
  Mageia: 'rpm',
  openEuler: 'rpm',
  'Azure Linux': 'rpm',
  // Vendor feeds converted by `db update --feed` (not OSV ecosystems; see ecosystems.ts).
  'Amazon Linux': 'rpm',
  'Oracle Linux': 'rpm',
  Bottlerocket: 'rpm',
  npm: 'semver',
  'crates.io': 'semver',
  PyPI: 'pep440',
  Go: 'go',
  Maven: 'maven',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  // Elixir's Version is SemVer 2.0. Dart's pub_semver too, except that it also orders build
  // metadata (`1.0.0+1` < `1.0.0+2`), which SemVer 2.0 (and so this scheme) treats as equal.
  Hex: 'semver',
  Pub: 'semver',
  // Swift packages are tagged with SemVer versions; Julia's Pkg orders VersionNumbers as SemVer 2.0.
  SwiftURL: 'semver',
  Julia: 'semver',
  CRAN: 'cran',
  // Bitnami's records (runtimes, servers) use SEMVER ranges over plain x.y.z versions.
  Bitnami: 'semver',
  ConanCenter: 'conan',
  Bioconductor: 'cran',
  // Haskell: packages and the compiler's components share Data.Version's list order.
  Hackage: 'pvp',
  GHC: 'pvp',
  // Kubernetes components are named by Go module path and versioned as Go modules
  // (`1.29.3`, `v1.29.3`), so the Go order applies, `v` optional.
  Kubernetes: 'go',
  // MinimOS builds with apk (Wolfi-style `-rN` releases); Echo rebuilds Debian packages.
  MinimOS: 'apk',
  Echo: 'deb',
};

/** `Debian:12`, `Ubuntu:Pro:18.04:LTS`, `Alpine:v3.20`, `PyPI`… → the scheme ordering its versions. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const colon = ecosystem.indexOf(':');
  const family = colon >= 0 ? ecosystem.slice(0, colon) : ecosystem;
  const name = Object.hasOwn(BY_ECOSYSTEM, family) ? BY_ECOSYSTEM[family] : undefined;
  return name === undefined ? undefined : versionSchemes[name];
}

/** Parses and compares two version strings; undefined when either is invalid in this scheme. */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number | undefined {
  const pa = scheme.parse(a);
  if (!pa.valid) return undefined;
  const pb = scheme.parse(b);
  if (!pb.valid) return undefined;
  return scheme.compare(pa.value, pb.value);
}
