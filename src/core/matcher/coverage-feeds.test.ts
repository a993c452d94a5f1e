import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryInventory } from '../../test-support/memory-advisory-lookup.js';
import { testSbom } from '../../test-support/test-sbom.js';
import type { OsvRecord } from '../advisory/osv-types.js';
import type { OSInfo, Package } from '../sbom/model.js';
import { findMissingData } from './coverage.js';

// Distributions whose data comes only from a vendor feed (`db update --feed`): until it is
// imported, their release has no advisory data, and the message names the feed to run.
const rpm = (name: string): Package => ({ type: 'rpm', name, version: '1.0-1', location: { path: 'x' } });
const sbom = (os: OSInfo) => testSbom([rpm('curl'), rpm('bash')], os);
const inventoryOf = memoryInventory;
const record = (id: string, ecosystem: string): OsvRecord => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem, name: 'curl' } }],
});

describe('findMissingData for vendor-feed distributions', () => {
  const debianOnly = inventoryOf([record('DSA-1', 'Debian:12')]);
  it('Oracle Linux 8.9 with no ELSA data: no data for the release, --feed oracle-linux-8 named', () => {
    const gaps = findMissingData(
      sbom({ family: 'oracle', version: '8.9', name: 'Oracle Linux Server 8.9' }),
      debianOnly,
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem, g.packages, g.message]),
      [
        [
          'no-data-for-release',
          'Oracle Linux:8',
          2,
          'Oracle Linux:8: 2 OS packages not checked: the database has no advisories for this OS release (OSV publishes none: `bulwark db update --feed oracle-linux-8=DIR|URL`)',
        ],
      ],
    );
  });
  it('Amazon Linux 2023 with only Amazon Linux 2 data: still missing for 2023', () => {
    const gaps = findMissingData(
      sbom({ family: 'amazon', version: '2023', name: 'Amazon Linux 2023' }),
      inventoryOf([record('ALAS2-2023-1', 'Amazon Linux:2')]),
    );
    assert.deepEqual(
      gaps.map((g) => [g.reason, g.ecosystem]),
      [['no-data-for-release', 'Amazon Linux:2023']],
    );
    assert.match(gaps[0]!.message, /--feed amazon-linux-2023=DIR\|URL/);
  });
  it('once the release has records, nothing is missing', () => {
    const gaps = findMissingData(
      sbom({ family: 'amazon', version: '2', name: 'Amazon Linux 2' }),
      inventoryOf([record('ALAS2-2023-1', 'Amazon Linux:2')]),
    );
    assert.deepEqual(gaps, []);
  });
});
