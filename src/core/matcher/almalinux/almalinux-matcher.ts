import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/** AlmaLinux OSV (ALSA) lists binary rpms under `AlmaLinux:<major>`. */
export const almaLinuxMatcher = defineDistroMatcher({
  name: 'distro/almalinux',
  packageType: 'rpm',
  osFamilies: ['almalinux'],
  naming: 'binary-then-source',
  ecosystems(os) {
    const major = versionParts(os.version)[0];
    return major ? [`AlmaLinux:${major}`] : [];
  },
});
