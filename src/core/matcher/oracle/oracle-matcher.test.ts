import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

distroMatcherCases({
  matcher: 'distro/oracle',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'oracle', version: '8.9', name: 'Oracle Linux Server 8.9' },
  ecosystem: 'Oracle Linux:8',
  vulnerable: { name: 'curl', version: '7.61.1-25.el8_7', source: 'curl' },
  fixed: { name: 'curl', version: '7.61.1-25.el8_7.1', source: 'curl' },
  cve: 'CVE-2022-43552',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'oracle', version: '9.3', name: 'Oracle Linux Server 9.3' },
});
