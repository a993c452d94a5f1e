import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Mageia advisories (MGASA) are published per release as `Mageia:<release>` (`Mageia:9`);
 * os-release says `VERSION_ID=9`. Advisories name source rpms.
 */
export function mageiaEcosystems(version: string): string[] {
  const major = versionParts(version)[0];
  return major ? [`Mageia:${major}`] : [];
}

export const mageiaMatcher = defineDistroMatcher({
  name: 'distro/mageia',
  packageType: 'rpm',
  osFamilies: ['mageia'],
  naming: 'source',
  ecosystems: (os) => mageiaEcosystems(os.version),
});
