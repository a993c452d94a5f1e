import { defineDistroMatcher } from '../strategy/distro-strategy.js';

/**
 * Echo images (os-release `ID=echo`) rebuild Debian packages with their own fixes: one
 * `Echo` ecosystem without releases, advisories naming source packages, dpkg order.
 * Echo's packages are not Debian's, so Debian's advisories are not asked.
 */
export const echoMatcher = defineDistroMatcher({
  name: 'distro/echo',
  packageType: 'deb',
  osFamilies: ['echo'],
  naming: 'source',
  ecosystems: () => ['Echo'],
});
