import { defineLanguageMatcher, joinNamespace } from '../strategy/ecosystem-strategy.js';

/** Maven advisories name `group:artifact`. */
export const mavenMatcher = defineLanguageMatcher({
  name: 'lang/maven',
  packageType: 'maven',
  ecosystem: 'Maven',
  lookupName: (pkg) => joinNamespace(pkg, ':'),
});
