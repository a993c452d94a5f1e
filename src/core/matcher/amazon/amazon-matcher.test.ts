import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

distroMatcherCases({
  matcher: 'distro/amazon',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'amazon', version: '2', name: 'Amazon Linux 2' },
  ecosystem: 'Amazon Linux:2',
  // The fix carries epoch 1 (`1:1.0.2k-24.amzn2.0.7`): the installed version must too.
  vulnerable: { name: 'openssl-libs', version: '1:1.0.2k-24.amzn2.0.6', source: 'openssl' },
  fixed: { name: 'openssl-libs', version: '1:1.0.2k-24.amzn2.0.7', source: 'openssl' },
  cve: 'CVE-2023-0286',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'amazon', version: '2023', name: 'Amazon Linux 2023' },
});
