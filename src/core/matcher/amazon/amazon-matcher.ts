import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Amazon Linux: ALAS records converted by `db update --feed amazon-linux-<release>` list
 * binary rpms under `Amazon Linux:<VERSION_ID>` (`2`, `2023`). OSV publishes none.
 */
export const amazonMatcher = defineDistroMatcher({
  name: 'distro/amazon',
  packageType: 'rpm',
  osFamilies: ['amazon'],
  naming: 'binary-then-source',
  ecosystems(os) {
    const major = versionParts(os.version)[0];
    return major ? [`Amazon Linux:${major}`] : [];
  },
});
