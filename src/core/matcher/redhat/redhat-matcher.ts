import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Red Hat OSV (RHSA) uses CPE-like ecosystems, one per repository and stream:
 * `Red Hat:enterprise_linux:9::appstream`, `Red Hat:rhel_eus:9.4::baseos`… and binary
 * rpm names. The store looks ecosystems up exactly, so the repositories a UBI or RHEL
 * image draws from are listed here.
 */
const repositories = ['baseos', 'appstream', 'crb', 'codeready_builder', 'supplementary'];

export function redHatEcosystems(version: string): string[] {
  const [major, minor] = versionParts(version);
  if (!major) return [];
  const ecosystems = repositories.map((repo) => `Red Hat:enterprise_linux:${major}::${repo}`);
  if (minor) {
    for (const stream of ['rhel_eus', 'rhel_e4s', 'rhel_aus']) {
      for (const repo of ['baseos', 'appstream'])
        ecosystems.push(`Red Hat:${stream}:${major}.${minor}::${repo}`);
    }
  }
  return ecosystems;
}

export const redHatMatcher = defineDistroMatcher({
  name: 'distro/redhat',
  packageType: 'rpm',
  // CentOS is rebuilt from RHEL sources and has no OSV feed of its own.
  osFamilies: ['rhel', 'centos'],
  naming: 'binary-then-source',
  ecosystems: (os) => redHatEcosystems(os.version),
});
