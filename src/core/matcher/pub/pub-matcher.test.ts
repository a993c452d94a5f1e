import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

// The fix is a pre-release: 1.1.0 < 1.2.0-beta.1 (affected), 1.2.0 > it (fixed).
languageMatcherCases({
  matcher: 'lang/pub',
  type: 'pub',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'Pub',
  comparator: 'semver',
  name: 'http',
  vulnerable: '1.1.0',
  fixed: '1.2.0',
  cve: 'CVE-0000-20001',
  withdrawnCve: 'CVE-0000-20002',
});
