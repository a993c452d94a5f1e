import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/** Debian's numbered releases, for images whose os-release gives only a codename. */
const codenames: Record<string, string> = {
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
};

/** Debian OSV (DSA, DLA, DEBIAN-CVE) lists source packages under `Debian:<major>`. */
export const debianMatcher = defineDistroMatcher({
  name: 'distro/debian',
  packageType: 'deb',
  osFamilies: ['debian'],
  naming: 'source',
  ecosystems(os) {
    const major = versionParts(os.version)[0] ?? (os.codename ? codenames[os.codename] : undefined);
    return major ? [`Debian:${major}`] : [];
  },
});
