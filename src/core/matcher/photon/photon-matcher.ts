import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Photon OS advisories (PHSA) are published per release as `Photon OS:<major>.0`
 * (`Photon OS:5.0`); os-release says `VERSION_ID=5.0`. Both spellings of the major are
 * asked, so a `Photon OS:5` feed is found too. Binary rpm first, then the source rpm.
 */
export function photonEcosystems(version: string): string[] {
  const major = versionParts(version)[0];
  return major ? [`Photon OS:${major}.0`, `Photon OS:${major}`] : [];
}

export const photonMatcher = defineDistroMatcher({
  name: 'distro/photon',
  packageType: 'rpm',
  osFamilies: ['photon'],
  naming: 'binary-then-source',
  ecosystems: (os) => photonEcosystems(os.version),
});
