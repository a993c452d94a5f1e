import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/** Rocky Linux OSV (RLSA) lists binary rpms under `Rocky Linux:<major>`. */
export const rockyMatcher = defineDistroMatcher({
  name: 'distro/rocky',
  packageType: 'rpm',
  osFamilies: ['rocky'],
  naming: 'binary-then-source',
  ecosystems(os) {
    const major = versionParts(os.version)[0];
    return major ? [`Rocky Linux:${major}`] : [];
  },
});
