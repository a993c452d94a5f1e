import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';

// MinimOS has no releases; "another release" is Wolfi, whose apks are other builds.
distroMatcherCases({
  matcher: 'distro/minimos',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  packageType: 'apk',
  os: { family: 'minimos', version: '', name: 'MinimOS' },
  ecosystem: 'MinimOS',
  vulnerable: { name: 'zlib', version: '1.3.1-r0', source: 'zlib' },
  fixed: { name: 'zlib', version: '1.3.1-r1', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'wolfi', version: '', name: 'Wolfi' },
});
