import { normalizePackageName } from '../../advisory/package-name.js';
import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** PyPI names meet in their PEP 503 form (`Jinja2` = `jinja2`, `jw.util` = `jw-util`). */
export const pypiMatcher = defineLanguageMatcher({
  name: 'lang/pypi',
  packageType: 'pypi',
  ecosystem: 'PyPI',
  lookupName: (pkg) => normalizePackageName('PyPI', pkg.name),
});
