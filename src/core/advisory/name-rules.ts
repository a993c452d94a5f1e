import { ecosystemFamily } from './ecosystems.js';

/**
 * How an ecosystem compares package names, in one place. Advisories are indexed and
 * packages looked up under `normalizePackageName`, so both sides meet whatever case or
 * separators the lockfile, the SBOM or the advisory used.
 *
 * - `pep503`: PyPI — `re.sub(r"[-_.]+", "-", name).lower()`; pip treats `Jinja2`,
 *   `jinja2`, `jw.util` and `jw_util` as one project.
 * - `case-insensitive`: NuGet (the gallery resolves ids case-insensitively and
 *   `packages.lock.json` keeps the casing the project typed) and Packagist (Composer
 *   lower-cases `vendor/name`; old lockfiles and advisories keep mixed case).
 * - `exact`: everything else. Go module paths and Maven coordinates are case-sensitive
 *   (`github.com/Sirupsen/logrus` and `github.com/sirupsen/logrus` are two modules), and
 *   so are npm (legacy `JSONStream`), RubyGems, crates.io, Hackage and CRAN names.
 */
export type NameRule = 'exact' | 'case-insensitive' | 'pep503';

export const nameRules: Readonly<Record<string, NameRule>> = {
  PyPI: 'pep503',
  NuGet: 'case-insensitive',
  Packagist: 'case-insensitive',
  Go: 'exact',
  Maven: 'exact',
};

/** The rule for an ecosystem (`PyPI`, `Debian:12`…); `exact` unless listed. */
export function nameRule(ecosystem: string): NameRule {
  return nameRules[ecosystemFamily(ecosystem)] ?? 'exact';
}

export function applyNameRule(rule: NameRule, name: string): string {
  switch (rule) {
    case 'pep503':
      return name.replace(/[-_.]+/g, '-').toLowerCase();
    case 'case-insensitive':
      return name.toLowerCase();
    case 'exact':
      return name;
  }
}
