import type { Matcher, MatchTarget } from '../matcher-types.js';

/**
 * Haskell packages (`pkg:hackage/aeson@2.1.0.0`) in OSV's `Hackage` ecosystem, by name.
 * The `ghc` package is the compiler's own library and carries the compiler's version (as
 * `ghc-pkg list` shows it), so it is also looked up in OSV's `GHC` ecosystem, where the
 * Haskell security advisories file compiler bugs under the component name `ghc`.
 * Both in Data.Version order (see version/pvp.ts).
 */
export const hackageMatcher: Matcher = {
  name: 'lang/hackage',
  packageTypes: ['hackage'],
  targets(pkg) {
    // From git or a path: other code than the Hackage release of that name.
    if (pkg.origin) return [];
    const targets: MatchTarget[] = [
      { ecosystems: ['Hackage'], name: pkg.name, via: 'name', version: pkg.version },
    ];
    if (pkg.name === 'ghc')
      targets.push({ ecosystems: ['GHC'], name: 'ghc', via: 'name', version: pkg.version });
    return targets;
  },
};
