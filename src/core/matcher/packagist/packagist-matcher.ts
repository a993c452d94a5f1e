import { defineLanguageMatcher, joinNamespace } from '../strategy/ecosystem-strategy.js';

/** Packagist advisories name `vendor/package`. */
export const packagistMatcher = defineLanguageMatcher({
  name: 'lang/packagist',
  packageType: 'composer',
  ecosystem: 'Packagist',
  lookupName: (pkg) => joinNamespace(pkg, '/'),
});
