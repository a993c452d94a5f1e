import { defineDistroMatcher } from '../strategy/distro-strategy.js';

/**
 * MinimOS (Minimus images, os-release `ID=minimos`) is built with apk and published
 * without releases: one `MinimOS` ecosystem, advisories naming origin packages, apk order.
 */
export const minimOsMatcher = defineDistroMatcher({
  name: 'distro/minimos',
  packageType: 'apk',
  osFamilies: ['minimos'],
  naming: 'source',
  ecosystems: () => ['MinimOS'],
});
