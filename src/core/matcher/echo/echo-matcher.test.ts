import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

// dpkg order: `1echo2` sorts after the Debian revision it rebuilds (`-1`). "Another
// release" is Debian 12: Echo's records say nothing about Debian's own packages.
distroMatcherCases({
  matcher: 'distro/echo',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  packageType: 'deb',
  os: { family: 'echo', version: '', name: 'Echo' },
  ecosystem: 'Echo',
  vulnerable: { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib' },
  fixed: { name: 'zlib1g', version: '1:1.2.13.dfsg-1echo2', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' },
});
