import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/** `15.5` → `15 SP5`, `15.0` or `15` → `15` (SUSE's product naming). */
function servicePackRelease(version: string): string | undefined {
  const [major, minor] = versionParts(version);
  if (!major) return undefined;
  return minor && minor !== '0' ? `${major} SP${minor}` : major;
}

/**
 * SUSE OSV (SUSE-SU) lists binary rpms per product: `SUSE:Linux Enterprise Server 15 SP5`,
 * and the modules a SLES container draws from (Basesystem, Server Applications).
 */
export const suseMatcher = defineDistroMatcher({
  name: 'distro/suse',
  packageType: 'rpm',
  osFamilies: ['sles'],
  naming: 'binary-then-source',
  ecosystems(os) {
    const release = servicePackRelease(os.version);
    if (!release) return [];
    return [
      `SUSE:Linux Enterprise Server ${release}`,
      `SUSE:Linux Enterprise Module for Basesystem ${release}`,
      `SUSE:Linux Enterprise Module for Server Applications ${release}`,
      `SUSE:Linux Enterprise Micro ${os.version}`,
    ];
  },
});

/** openSUSE OSV: `openSUSE:Leap 15.5` and the rolling `openSUSE:Tumbleweed`. */
export const openSuseMatcher = defineDistroMatcher({
  name: 'distro/opensuse',
  packageType: 'rpm',
  osFamilies: ['opensuse-leap', 'opensuse-tumbleweed'],
  naming: 'binary-then-source',
  ecosystems(os) {
    if (os.family === 'opensuse-tumbleweed') return ['openSUSE:Tumbleweed'];
    const [major, minor] = versionParts(os.version);
    return major && minor ? [`openSUSE:Leap ${major}.${minor}`] : [];
  },
});
