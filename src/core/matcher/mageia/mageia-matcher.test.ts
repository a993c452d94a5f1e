import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

distroMatcherCases({
  matcher: 'distro/mageia',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'mageia', version: '9', name: 'Mageia 9' },
  ecosystem: 'Mageia:9',
  vulnerable: { name: 'lib64zlib1', version: '1.2.13-1.1.mga9', source: 'zlib' },
  fixed: { name: 'lib64zlib1', version: '1.2.13-1.2.mga9', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'mageia', version: '8', name: 'Mageia 8' },
});
