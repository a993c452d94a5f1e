import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Red Hat OSV (RHSA) uses CPE-like ecosystems, one per product stream and repository:
 * `Red Hat:enterprise_linux:7::server` (and `::client`, `::workstation`,
 * `::computenode`), `Red Hat:enterprise_linux:9::appstream`,
 * `Red Hat:rhel_eus:9.4::baseos`… and binary rpm names. Which repositories exist
 * differs per release and changes over time, so the release's advisories are found by
 * prefix in whatever the database holds, not from a fixed list of repository names.
 */
export function redHatEcosystemPrefixes(version: string): string[] {
  const [major, minor] = versionParts(version);
  if (!major) return [];
  const prefixes = [`Red Hat:enterprise_linux:${major}::`];
  // Extended-support streams of this minor release carry fixes backported into it.
  if (minor)
    for (const stream of ['rhel_eus', 'rhel_e4s', 'rhel_aus'])
      prefixes.push(`Red Hat:${stream}:${major}.${minor}::`);
  return prefixes;
}

export const redHatMatcher = defineDistroMatcher({
  name: 'distro/redhat',
  packageType: 'rpm',
  // CentOS is rebuilt from RHEL sources and has no OSV feed of its own.
  osFamilies: ['rhel', 'centos'],
  naming: 'binary-then-source',
  ecosystems: () => [],
  ecosystemPrefixes: (os) => redHatEcosystemPrefixes(os.version),
});
