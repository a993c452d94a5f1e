import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/**
 * Go modules by module path; the toolchain as `stdlib`. OSV Go versions carry no `v`
 * (`1.21.3`), while module versions do (`v1.2.3`) and toolchains say `go1.21.3`.
 */
export const golangMatcher = defineLanguageMatcher({
  name: 'lang/golang',
  packageType: 'golang',
  ecosystem: 'Go',
  lookupVersion: (pkg) => pkg.version.replace(/^(?:go|v)(?=\d)/, ''),
});
