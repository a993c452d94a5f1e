import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

distroMatcherCases({
  matcher: 'distro/azurelinux',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'mariner', version: '3.0', name: 'Microsoft Azure Linux' },
  ecosystem: 'Azure Linux:3',
  vulnerable: { name: 'zlib', version: '1.3.1-0.azl3', source: 'zlib' },
  fixed: { name: 'zlib', version: '1.3.1-1.azl3', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'mariner', version: '2.0', name: 'CBL-Mariner' },
});
