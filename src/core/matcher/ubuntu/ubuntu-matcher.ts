import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Ubuntu OSV (USN, UBUNTU-CVE) lists source packages under `Ubuntu:22.04:LTS` for LTS
 * releases and `Ubuntu:23.10` otherwise. `Ubuntu:Pro:…` records describe ESM builds an
 * ordinary image does not receive, so they are not consulted.
 */
export const ubuntuMatcher = defineDistroMatcher({
  name: 'distro/ubuntu',
  packageType: 'deb',
  osFamilies: ['ubuntu'],
  naming: 'source',
  ecosystems(os) {
    const [major, minor] = versionParts(os.version);
    if (!major || !minor) return [];
    const release = `${major}.${minor}`;
    return [`Ubuntu:${release}:LTS`, `Ubuntu:${release}`];
  },
});
