/**
 * Ecosystem names the OSV schema defines, as data.
 * Provenance: ossf/osv-schema at 51b8156, `ecosystems.json` (keys, in file order).
 * Regenerate by copying the keys of that file; `ecosystems.test.ts` checks this list
 * against the schema's own `ecosystemName` enum (testdata/osv-schema.json).
 */
export const osvEcosystems = [
  'AlmaLinux',
  'Alpaquita',
  'Alpine',
  'Android',
  'Azure Linux',
  'BellSoft Hardened Containers',
  'Bioconductor',
  'Bitnami',
  'Chainguard',
  'CleanStart',
  'ConanCenter',
  'CRAN',
  'crates.io',
  'Debian',
  'Docker Hardened Images',
  'Echo',
  'FreeBSD',
  'GHC',
  'GitHub Actions',
  'Go',
  'Hackage',
  'Hex',
  'Julia',
  'Kubernetes',
  'Linux',
  'Mageia',
  'Maven',
  'MinimOS',
  'npm',
  'NuGet',
  'opam',
  'openEuler',
  'openSUSE',
  'OSS-Fuzz',
  'Packagist',
  'Photon OS',
  'Pub',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'Root',
  'RubyGems',
  'SUSE',
  'SwiftURL',
  'TuxCare',
  'Ubuntu',
  'VSCode',
  'Wolfi',
] as const;

export type OsvEcosystemName = (typeof osvEcosystems)[number];

/**
 * Families the schema's `ecosystemWithSuffix` pattern accepts beyond the named list:
 * `GIT` marks packages identified only by a repository.
 */
const extraFamilies = ['GIT'] as const;

/**
 * Families of the vendor feeds `db update --feed` converts (src/core/advisory/feeds/):
 * distributions OSV does not publish. The OSV schema's ecosystem pattern does not list
 * them, so their records differ from the schema in that one field; the names follow
 * OSV's style (`<Distribution>:<release>`), as the matchers ask for them. Each maps to the
 * feed name users pass (`--feed amazon-linux-2=…`), for the "data missing" hint.
 */
export const vendorFeedFamilies: Readonly<Record<string, string>> = {
  'Amazon Linux': 'amazon-linux',
  'Oracle Linux': 'oracle-linux',
  Bottlerocket: 'bottlerocket',
};

const knownFamilies: ReadonlySet<string> = new Set<string>([
  ...osvEcosystems,
  ...extraFamilies,
  ...Object.keys(vendorFeedFamilies),
]);

/** The public OSV export: one `all.zip` per ecosystem (kept here, light, for `--help` texts). */
export const defaultUpdateSource = 'https://osv-vulnerabilities.storage.googleapis.com';

/** What `bulwark db update` fetches when no `--ecosystem` is given. */
export const defaultUpdateEcosystems = [
  'Debian',
  'Ubuntu',
  'Alpine',
  'Red Hat',
  'Rocky Linux',
  'AlmaLinux',
  'SUSE',
  'openSUSE',
  'Wolfi',
  'Chainguard',
  'npm',
  'PyPI',
  'Go',
  'Maven',
  'crates.io',
  'RubyGems',
  'Packagist',
  'NuGet',
] as const satisfies readonly OsvEcosystemName[];

/** `Debian:12` → `Debian`; `Ubuntu:Pro:18.04:LTS` → `Ubuntu`; `PyPI` → `PyPI`. */
export function ecosystemFamily(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** True when the ecosystem's family is one OSV defines (exact spelling, as OSV requires). */
export function isKnownEcosystem(ecosystem: string): boolean {
  return knownFamilies.has(ecosystemFamily(ecosystem));
}

/** Maps a user-typed family (`pypi`, `red hat`) to OSV's spelling, or undefined. */
export function canonicalEcosystemName(input: string): OsvEcosystemName | undefined {
  const wanted = input.trim().toLowerCase();
  return osvEcosystems.find((name) => name.toLowerCase() === wanted);
}
