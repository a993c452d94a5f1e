import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distroMatcherCases } from '../../../test-support/distro-matcher-cases.js';
import { parseOsRelease } from '../../analyzer/os/parse-os-release.js';
import { findMissingData } from '../coverage.js';
import { openEulerEcosystems } from './openeuler-matcher.js';

// An LTS service pack is its own release: 22.03 LTS (no SP) must not borrow SP1's fixes.
distroMatcherCases({
  matcher: 'distro/openeuler',
  testdata: new URL('./testdata/', import.meta.url).pathname,
  os: { family: 'openeuler', version: '22.03', name: 'openEuler 22.03 (LTS-SP1)' },
  ecosystem: 'openEuler:22.03-LTS-SP1',
  vulnerable: { name: 'zlib-devel', version: '1.2.11-22.oe2203sp1', source: 'zlib' },
  fixed: { name: 'zlib-devel', version: '1.2.11-23.oe2203sp1', source: 'zlib' },
  cve: 'CVE-2023-45853',
  withdrawnCve: 'CVE-2024-0002',
  otherRelease: { family: 'openeuler', version: '22.03', name: 'openEuler 22.03 LTS' },
});

test('os-release of openEuler 22.03 LTS SP1 (ID="openEuler") → family and ecosystem', () => {
  // The shape openEuler ships in /etc/os-release (openEuler-release package).
  const os = parseOsRelease(
    'NAME="openEuler"\nVERSION="22.03 (LTS-SP1)"\nID="openEuler"\nVERSION_ID="22.03"\nPRETTY_NAME="openEuler 22.03 (LTS-SP1)"\nANSI_COLOR="0;31"\n',
  );
  assert.equal(os?.family, 'openeuler');
  assert.deepEqual(os && openEulerEcosystems(os), ['openEuler:22.03-LTS-SP1']);
});

test('LTS without a service pack, older SPs, and innovation releases (no advisories: none asked)', () => {
  const of = (name: string, version: string) => openEulerEcosystems({ family: 'openeuler', version, name });
  assert.deepEqual(of('openEuler 22.03 LTS', '22.03'), ['openEuler:22.03-LTS']);
  assert.deepEqual(of('openEuler 20.03 (LTS-SP4)', '20.03'), ['openEuler:20.03-LTS-SP4']);
  assert.deepEqual(of('openEuler 24.03 (LTS)', '24.03'), ['openEuler:24.03-LTS']);
  assert.deepEqual(of('openEuler 23.09', '23.09'), []);
  // An SBOM's OS component may carry the release as its version.
  assert.deepEqual(of('openEuler', '22.03-LTS-SP3'), ['openEuler:22.03-LTS-SP3']);
});

test('an innovation release (no advisories) is reported as not checked, never as clean', () => {
  const gaps = findMissingData(
    {
      os: { family: 'openeuler', version: '23.09', name: 'openEuler 23.09' },
      packages: [
        { type: 'rpm', name: 'zlib', version: '1.2.13-1.oe2309', location: { path: 'var/lib/rpm' } },
      ],
    },
    { hasEcosystem: () => true, families: new Set(['openEuler']), recordCount: 10 },
  );
  assert.deepEqual(
    gaps.map((g) => [g.reason, g.ecosystem, g.packages]),
    [['no-data-for-release', 'openEuler 23.09', 1]],
  );
});
