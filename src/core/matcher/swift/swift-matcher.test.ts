import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';

languageMatcherCases({
  matcher: 'lang/swift',
  type: 'swift',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  ecosystem: 'SwiftURL',
  comparator: 'semver',
  name: 'github.com/apple/swift-nio',
  vulnerable: '2.58.0',
  fixed: '2.59.0',
  cve: 'CVE-0000-30001',
  withdrawnCve: 'CVE-0000-30002',
});
