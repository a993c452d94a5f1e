import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/** Alpine OSV (from secdb) names origin packages under `Alpine:v3.20` (major.minor of 3.20.3). */
export const alpineMatcher = defineDistroMatcher({
  name: 'distro/alpine',
  packageType: 'apk',
  osFamilies: ['alpine'],
  naming: 'source',
  ecosystems(os) {
    const [major, minor] = versionParts(os.version);
    return major && minor ? [`Alpine:v${major}.${minor}`] : [];
  },
});
