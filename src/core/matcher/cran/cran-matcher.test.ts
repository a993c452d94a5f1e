import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

// R order, not SemVer: 1.3-3 < 1.3-10 (a string or SemVer comparison would get this wrong).
languageMatcherCases({
  matcher: 'lang/cran',
  type: 'cran',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'CRAN',
  comparator: 'cran',
  name: 'xml2',
  vulnerable: '1.3-3',
  fixed: '1.3-10',
  cve: 'CVE-0000-50001',
  withdrawnCve: 'CVE-0000-50002',
});
