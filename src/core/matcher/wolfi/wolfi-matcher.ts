import { defineDistroMatcher } from '../strategy/distro-strategy.js';

/** Wolfi is rolling: one `Wolfi` ecosystem; its advisories name origin packages. */
export const wolfiMatcher = defineDistroMatcher({
  name: 'distro/wolfi',
  packageType: 'apk',
  osFamilies: ['wolfi'],
  naming: 'source',
  ecosystems: () => ['Wolfi'],
});
