import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

languageMatcherCases({
  matcher: 'lang/julia',
  type: 'julia',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'Julia',
  comparator: 'semver',
  name: 'HTTP',
  vulnerable: '1.10.0',
  fixed: '1.10.1',
  cve: 'CVE-0000-40001',
  withdrawnCve: 'CVE-0000-40002',
});
