import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

languageMatcherCases({
  matcher: 'lang/conan',
  type: 'conan',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'ConanCenter',
  comparator: 'conan',
  name: 'openssl',
  vulnerable: '1.1.1t',
  fixed: '1.1.1u',
  cve: 'CVE-0000-10001',
  withdrawnCve: 'CVE-0000-10002',
});
