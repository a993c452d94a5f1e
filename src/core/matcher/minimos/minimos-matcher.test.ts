import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';
import { parseOsRelease } from '../../analyzer/os/parse-os-release.js';
import { matcherFor } from '../matchers.js';

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

test('os-release of a MinimOS image (ID=minimos, a frozen build VERSION_ID) → the one MinimOS ecosystem', () => {
  // The os-release Minimus images ship; VERSION_ID is a build artifact, not a release.
  const os = parseOsRelease('ID=minimos\nNAME="MinimOS"\nPRETTY_NAME="MinimOS"\nVERSION_ID="20241031"\n');
  assert.equal(os?.family, 'minimos');
  const targets =
    os &&
    matcherFor({ type: 'apk' }, os.family)?.targets(
      { type: 'apk', name: 'zlib', version: '1.3.1-r0', location: { path: 'lib/apk/db/installed' } },
      os,
    );
  assert.deepEqual(
    targets?.map((t) => t.ecosystems),
    [['MinimOS']],
  );
});
