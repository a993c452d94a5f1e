/**
 * RHEL advisories found by prefix for the release: RHEL 7's live under
 * `Red Hat:enterprise_linux:7::server` (and client, workstation, computenode), 8 and 9's
 * under `::baseos`/`::appstream`. Checked through the in-memory index and through a real
 * database (the store's prefix walk over its primary key).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importedStore } from '../../../test-support/imported-store.js';
import { MemoryAdvisoryLookup } from '../../../test-support/memory-advisory-lookup.js';
import { testSbom } from '../../../test-support/test-sbom.js';
import type { OsvRecord } from '../../advisory/osv-types.js';
import type { OSInfo, Package } from '../../sbom/model.js';
import { explainVulnerability } from '../../scan/explain.js';
import { matchSbom } from '../match-sbom.js';
import type { AdvisoryLookup } from '../matcher-types.js';
import { redHatEcosystemPrefixes } from './redhat-matcher.js';

const testdata = join(import.meta.dirname, 'testdata');
const records = readdirSync(testdata)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(testdata, f), 'utf8')) as OsvRecord);
const store = importedStore([testdata]);

function rpm(name: string, version: string, epoch?: number, source?: string): Package {
  return {
    type: 'rpm',
    name,
    version,
    ...(epoch === undefined ? {} : { epoch }),
    ...(source ? { source: { name: source } } : {}),
    location: { path: 'var/lib/rpm/Packages' },
  };
}

const sbom = (os: OSInfo, packages: Package[]) => testSbom(packages, os);

const cases: { name: string; os: OSInfo; pkg: Package; want: string[]; ecosystem?: string }[] = [
  {
    name: 'RHEL 7: bash before the fix, found under ::client/::computenode/::server/::workstation',
    os: { family: 'rhel', version: '7.9', name: 'Red Hat Enterprise Linux Server' },
    pkg: rpm('bash', '4.2.46-33.el7', undefined, 'bash'),
    want: ['CVE-2019-9924'],
    ecosystem: 'Red Hat:enterprise_linux:7::client',
  },
  {
    name: 'CentOS 7: binary bind-license with epoch 32 via RHEL 7 ::server',
    os: { family: 'centos', version: '7', name: 'CentOS Linux' },
    pkg: rpm('bind-license', '9.11.4-9.P2.el7', 32, 'bind'),
    want: ['CVE-2020-8616'],
    ecosystem: 'Red Hat:enterprise_linux:7::server',
  },
  {
    name: 'CentOS 7: openssl-libs newer than the fix → nothing',
    os: { family: 'centos', version: '7', name: 'CentOS Linux' },
    pkg: rpm('openssl-libs', '1.0.2k-19.el7', 1, 'openssl'),
    want: [],
  },
  {
    name: 'RHEL 8: glibc from ::baseos',
    os: { family: 'rhel', version: '8.8', name: 'Red Hat Enterprise Linux' },
    pkg: rpm('glibc', '2.28-225.el8_8.5', undefined, 'glibc'),
    want: ['CVE-2023-4911'],
    ecosystem: 'Red Hat:enterprise_linux:8::baseos',
  },
  {
    name: 'RHEL 9: sudo from ::appstream (first in order) and ::baseos, one finding',
    os: { family: 'rhel', version: '9.6', name: 'Red Hat Enterprise Linux' },
    pkg: rpm('sudo', '1.9.5p2-10.el9_6', undefined, 'sudo'),
    want: ['CVE-2025-32462'],
    ecosystem: 'Red Hat:enterprise_linux:9::appstream',
  },
  {
    name: 'RHEL 9 never takes RHEL 8 records (glibc)',
    os: { family: 'rhel', version: '9.2', name: 'Red Hat Enterprise Linux' },
    pkg: rpm('glibc', '2.28-1.el8'),
    want: [],
  },
  {
    name: 'RHEL 8 never takes RHEL 7 records (bash)',
    os: { family: 'rhel', version: '8.10', name: 'Red Hat Enterprise Linux' },
    pkg: rpm('bash', '4.2.46-33.el7'),
    want: [],
  },
];

for (const [label, lookup] of [
  ['in memory', () => new MemoryAdvisoryLookup(records)],
  ['real database', store],
] as const) {
  describe(`Red Hat by release prefix (${label})`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = matchSbom(sbom(c.os, [c.pkg]), (lookup as () => AdvisoryLookup)());
        assert.deepEqual(
          findings.map((f) => f.id),
          c.want,
        );
        if (c.ecosystem) assert.equal(findings[0]?.evidence[0]?.ecosystem, c.ecosystem);
      });
    }
  });
}

describe('Red Hat prefixes and explain', () => {
  it('one prefix per stream: the release, and the EUS/E4S/AUS streams of its minor', () => {
    assert.deepEqual(redHatEcosystemPrefixes('7'), ['Red Hat:enterprise_linux:7::']);
    assert.deepEqual(redHatEcosystemPrefixes('9.4'), [
      'Red Hat:enterprise_linux:9::',
      'Red Hat:rhel_eus:9.4::',
      'Red Hat:rhel_e4s:9.4::',
      'Red Hat:rhel_aus:9.4::',
    ]);
    assert.deepEqual(redHatEcosystemPrefixes(''), []);
  });

  it('the store lists exactly the RHEL 7 repositories it holds', () => {
    assert.deepEqual(store().ecosystemsWithPrefix('Red Hat:enterprise_linux:7::'), [
      'Red Hat:enterprise_linux:7::client',
      'Red Hat:enterprise_linux:7::computenode',
      'Red Hat:enterprise_linux:7::server',
      'Red Hat:enterprise_linux:7::workstation',
    ]);
    assert.deepEqual(store().ecosystemsWithPrefix('Red Hat:enterprise_linux:6::'), []);
  });

  it('explain says why a fixed CentOS 7 openssl-libs is not affected', () => {
    const explained = explainVulnerability(
      sbom({ family: 'centos', version: '7', name: 'CentOS Linux' }, [
        rpm('openssl-libs', '1.0.2k-19.el7', 1, 'openssl'),
      ]),
      store(),
      'CVE-2018-5407',
    );
    assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
    assert.equal(explained.evaluations[0]?.record.id, 'RHSA-2019:0483');
    assert.equal(explained.evaluations[0]?.status, 'not-affected');
    assert.match(
      explained.evaluations[0]?.reason ?? '',
      /Red Hat:enterprise_linux:7::client openssl-libs 1:1\.0\.2k-19\.el7/,
    );
  });
});
