import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** CRAN packages (renv.lock) in OSV's `CRAN` ecosystem, by name; R's package_version order. */
export const cranMatcher = defineLanguageMatcher({
  name: 'lang/cran',
  packageType: 'cran',
  ecosystem: 'CRAN',
});
