import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/**
 * Bioconductor R packages (`pkg:bioconductor/Biobase@2.62.0` in an SBOM) in OSV's
 * `Bioconductor` ecosystem, by name; R's package_version order, as for CRAN.
 */
export const bioconductorMatcher = defineLanguageMatcher({
  name: 'lang/bioconductor',
  packageType: 'bioconductor',
  ecosystem: 'Bioconductor',
});
