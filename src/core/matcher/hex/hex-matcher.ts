import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** Hex packages (mix.lock) in OSV's `Hex` ecosystem, by package name; SemVer 2.0 ordering. */
export const hexMatcher = defineLanguageMatcher({
  name: 'lang/hex',
  packageType: 'hex',
  ecosystem: 'Hex',
});
