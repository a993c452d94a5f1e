import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

export const cargoMatcher = defineLanguageMatcher({
  name: 'lang/cargo',
  packageType: 'cargo',
  ecosystem: 'crates.io',
});
