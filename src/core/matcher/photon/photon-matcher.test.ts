import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

distroMatcherCases({
  matcher: 'distro/photon',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'photon', version: '5.0', name: 'VMware Photon OS/Linux' },
  ecosystem: 'Photon OS:5.0',
  vulnerable: { name: 'zlib', version: '1.2.13-3.ph5', source: 'zlib' },
  fixed: { name: 'zlib', version: '1.3-2.ph5', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'photon', version: '4.0', name: 'VMware Photon OS/Linux' },
});
