import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** Conan recipes (conan.lock) in OSV's `ConanCenter` ecosystem, by recipe name; Conan's own version order. */
export const conanMatcher = defineLanguageMatcher({
  name: 'lang/conan',
  packageType: 'conan',
  ecosystem: 'ConanCenter',
});
