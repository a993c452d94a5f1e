import { defineDistroMatcher } from '../strategy/distro-strategy.js';

/** Chainguard images are rolling like Wolfi: one `Chainguard` ecosystem, origin names. */
export const chainguardMatcher = defineDistroMatcher({
  name: 'distro/chainguard',
  packageType: 'apk',
  osFamilies: ['chainguard'],
  naming: 'source',
  ecosystems: () => ['Chainguard'],
});
