import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

// R order, as for CRAN: 2.10.0 < 2.10.1 and 2.9.x < 2.10.x.
languageMatcherCases({
  matcher: 'lang/bioconductor',
  type: 'bioconductor',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'Bioconductor',
  comparator: 'cran',
  name: 'Rsamtools',
  vulnerable: '2.10.0',
  fixed: '2.10.1',
  cve: 'CVE-0000-80001',
  withdrawnCve: 'CVE-0000-80002',
});
