import { defineDistroMatcher, versionParts } from '../strategy/distro-strategy.js';

/**
 * Oracle Linux: ELSA records converted by `db update --feed oracle-linux[-<major>]` list
 * binary rpms under `Oracle Linux:<major>` (VERSION_ID 8.9 → 8). OSV publishes none.
 */
export const oracleMatcher = defineDistroMatcher({
  name: 'distro/oracle',
  packageType: 'rpm',
  osFamilies: ['oracle'],
  naming: 'binary-then-source',
  ecosystems(os) {
    const major = versionParts(os.version)[0];
    return major ? [`Oracle Linux:${major}`] : [];
  },
});
