import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

languageMatcherCases({
  matcher: 'lang/hex',
  type: 'hex',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'Hex',
  comparator: 'semver',
  name: 'plug_crypto',
  vulnerable: '2.0.0',
  fixed: '2.1.0',
  cve: 'CVE-0000-10001',
  withdrawnCve: 'CVE-0000-10002',
});
