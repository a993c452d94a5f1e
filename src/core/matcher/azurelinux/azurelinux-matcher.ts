import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Azure Linux (formerly CBL-Mariner; os-release `ID=azurelinux` or `ID=mariner`)
 * advisories are published as `Azure Linux:<major>` (`Azure Linux:3`); os-release says
 * `VERSION_ID=3.0` (`2.0` for CBL-Mariner 2). Binary rpm first, then the source rpm.
 */
export function azureLinuxEcosystems(version: string): string[] {
  const major = versionParts(version)[0];
  return major ? [`Azure Linux:${major}`] : [];
}

export const azureLinuxMatcher = defineDistroMatcher({
  name: 'distro/azurelinux',
  packageType: 'rpm',
  osFamilies: ['mariner'],
  naming: 'binary-then-source',
  ecosystems: (os) => azureLinuxEcosystems(os.version),
});
