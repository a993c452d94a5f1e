import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** Dart/Flutter packages (pubspec.lock) in OSV's `Pub` ecosystem, by package name. */
export const pubMatcher = defineLanguageMatcher({
  name: 'lang/pub',
  packageType: 'pub',
  ecosystem: 'Pub',
});
