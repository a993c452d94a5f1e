import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryAdvisoryLookup } from '../../test-support/memory-advisory-lookup.js';
import { testSbom } from '../../test-support/test-sbom.js';
import type { OSInfo, Package, Sbom } from '../sbom/model.js';
import { schemeForEcosystem } from '../version/schemes.js';
import { matchSbom } from './match-sbom.js';
import { loadTestRecords } from './testdata/load-records.js';

const store = new MemoryAdvisoryLookup(loadTestRecords());
const now = new Date('2024-10-03T00:00:00Z');
const debian12: OSInfo = {
  family: 'debian',
  version: '12',
  name: 'Debian GNU/Linux 12 (bookworm)',
  codename: 'bookworm',
};
const debian11: OSInfo = { family: 'debian', version: '11', name: 'Debian GNU/Linux 11 (bullseye)' };

function pkg(type: Package['type'], name: string, version: string, source?: Package['source']): Package {
  return { type, name, version, ...(source ? { source } : {}), location: { path: 'x' } };
}

/** The OS first: most cases here differ by release. */
function sbomOf(os: OSInfo | undefined, packages: Package[]): Sbom {
  return testSbom(packages, os);
}

interface Case {
  name: string;
  os?: OSInfo;
  pkg: Package;
  /** id → fixed versions, for every finding expected. */
  want: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'libc6 matches through its source glibc; DSA and DEBIAN-CVE merge into the CVE',
    os: debian12,
    pkg: pkg('deb', 'libc6', '2.36-9+deb12u1', { name: 'glibc', version: '2.36-9+deb12u1' }),
    want: { 'CVE-2023-4911': ['2.36-9+deb12u3'] },
  },
  {
    name: 'libc6 at the fixed version is not affected',
    os: debian12,
    pkg: pkg('deb', 'libc6', '2.36-9+deb12u3', { name: 'glibc', version: '2.36-9+deb12u3' }),
    want: {},
  },
  {
    name: 'the release picks the affected entry: Debian:11 has its own fix',
    os: debian11,
    pkg: pkg('deb', 'libc6', '2.31-13+deb11u5', { name: 'glibc', version: '2.31-13+deb11u5' }),
    want: { 'CVE-2023-4911': ['2.31-13+deb11u7'] },
  },
  {
    name: 'backport: Debian fixed CVE-2023-5363 in 3.0.11-1~deb12u2 although upstream 3.0.11 < 3.0.12',
    os: debian12,
    pkg: pkg('deb', 'libssl3', '3.0.11-1~deb12u2', { name: 'openssl', version: '3.0.11-1~deb12u2' }),
    want: {},
  },
  {
    name: 'binNMU: the source version is compared, not the +b1 binary version',
    os: debian12,
    pkg: pkg('deb', 'libssl3', '3.0.11-1~deb12u2+b1', { name: 'openssl', version: '3.0.11-1~deb12u2' }),
    want: {},
  },
  {
    name: 'the build before the backport is affected',
    os: debian12,
    pkg: pkg('deb', 'libssl3', '3.0.11-1~deb12u1', { name: 'openssl', version: '3.0.11-1~deb12u1' }),
    want: { 'CVE-2023-5363': ['3.0.11-1~deb12u2'] },
  },
  {
    name: 'a binary name is not looked up in Debian (advisories name sources)',
    os: debian12,
    pkg: pkg('deb', 'libssl3', '3.0.11-1~deb12u1'),
    want: {},
  },
  { name: 'a deb with no OS known is not matched', pkg: pkg('deb', 'glibc', '2.36-9'), want: {} },
  {
    name: 'npm GHSA: alias CVE becomes the id; the malformed record neither matches nor crashes',
    pkg: pkg('npm', 'lodash', '4.17.20'),
    want: { 'CVE-2021-23337': ['4.17.21'] },
  },
  { name: 'npm at the fix', pkg: pkg('npm', 'lodash', '4.17.21'), want: {} },
  {
    name: 'an invalid installed version never matches',
    pkg: pkg('npm', 'lodash', 'not a version!'),
    want: {},
  },
  {
    name: 'PEP 503: JW_Util is jw.util; PYSEC and GHSA merge into the CVE',
    pkg: pkg('pypi', 'JW_Util', '2.2'),
    want: { 'CVE-2020-13388': ['2.3'] },
  },
  { name: 'PyPI at the fix', pkg: pkg('pypi', 'jw-util', '2.3'), want: {} },
  {
    name: 'Go module with a v-prefixed pseudo-version',
    pkg: pkg('golang', 'golang.org/x/net', 'v0.0.0-20210428140749-89ef3d95e781'),
    want: { 'CVE-2021-33194': ['0.0.0-20210520170846-37e1c6afe023'] },
  },
];

describe('matchSbom', () => {
  for (const c of cases) {
    it(c.name, () => {
      const findings = matchSbom(sbomOf(c.os, [c.pkg]), store, { now });
      const got = Object.fromEntries(findings.map((f) => [f.id, f.fixedVersions]));
      assert.deepEqual(got, c.want);
    });
  }

  it('upstream numbering alone would call the backported build affected (why distro records matter)', () => {
    const semver = schemeForEcosystem('npm')!;
    const a = semver.parse('3.0.11');
    const b = semver.parse('3.0.12');
    assert.ok(a.valid && b.valid && semver.compare(a.value, b.value) < 0);
  });

  it("treats the Go vulndb's zero publication date (0001-01-01) as no date", () => {
    const zeroDate = new MemoryAdvisoryLookup([
      {
        id: 'GO-2099-0001',
        modified: '2024-01-01T00:00:00Z',
        published: '0001-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'Go', name: 'stdlib' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.19.9' }] }],
          },
        ],
      },
    ]);
    const [finding] = matchSbom(sbomOf(undefined, [pkg('golang', 'stdlib', '1.19.8')]), zeroDate, { now });
    assert.equal(finding?.id, 'GO-2099-0001');
    assert.equal(finding?.published, undefined);
    assert.equal(finding?.ageDays, undefined);
  });

  it('records the evidence, severity, age and aliases of a merged finding', () => {
    const [finding, ...rest] = matchSbom(
      sbomOf(debian12, [pkg('deb', 'libc6', '2.36-9+deb12u1', { name: 'glibc', version: '2.36-9+deb12u1' })]),
      store,
      { now },
    );
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.id, 'CVE-2023-4911');
    assert.deepEqual([...finding.aliases].sort(), ['DEBIAN-CVE-2023-4911', 'DSA-5514-1']);
    assert.equal(finding.severity, 4);
    assert.equal(finding.severitySource, 'cvss');
    assert.equal(finding.cvss?.score, 7.8);
    assert.equal(finding.patchable, true);
    assert.equal(finding.published, '2023-10-03T00:00:00Z');
    assert.equal(finding.ageDays, 366);
    assert.deepEqual(finding.evidence.map((e) => e.advisoryId).sort(), [
      'DEBIAN-CVE-2023-4911',
      'DSA-5514-1',
    ]);
    for (const evidence of finding.evidence) {
      assert.equal(evidence.via, 'source');
      assert.equal(evidence.packageName, 'glibc');
      assert.equal(evidence.ecosystem, 'Debian:12');
      assert.equal(evidence.comparator, 'deb');
      assert.equal(evidence.comparedVersion, '2.36-9+deb12u1');
      assert.deepEqual(evidence.range?.events, [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }]);
    }
  });

  it('never reports the withdrawn advisory', () => {
    const findings = matchSbom(
      sbomOf(debian12, [pkg('deb', 'libc6', '2.36-9', { name: 'glibc', version: '2.36-9' })]),
      store,
      { now },
    );
    const ids = findings.flatMap((f) => [f.id, ...f.aliases]);
    assert.ok(!ids.includes('DSA-5514-2'));
    assert.ok(!ids.includes('CVE-2023-4527'));
  });

  it('matches every package of a mixed SBOM and sorts by severity', () => {
    const findings = matchSbom(
      sbomOf(debian12, [
        pkg('deb', 'libssl3', '3.0.11-1~deb12u1', { name: 'openssl', version: '3.0.11-1~deb12u1' }),
        pkg('pypi', 'jw.util', '2.0'),
        pkg('npm', 'lodash', '4.17.1'),
      ]),
      store,
      { now },
    );
    assert.deepEqual(
      findings.map((f) => [f.id, f.severity]),
      [
        ['CVE-2020-13388', 5],
        ['CVE-2021-23337', 4],
        ['CVE-2023-5363', 1],
      ],
    );
  });
});

describe('severity from linked records', () => {
  const pysec = {
    id: 'PYSEC-2099-1',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['GHSA-aaaa-bbbb-cccc'],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'django' },
        ranges: [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed: '1.1' }] }],
      },
    ],
  };
  // The GHSA names the same package but not the installed version: only its rating links.
  const ghsa = {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['PYSEC-2099-1'],
    database_specific: { severity: 'HIGH' },
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'django' },
        ranges: [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '5.0' }, { fixed: '5.1' }] }],
      },
    ],
  };
  const sbom = sbomOf(undefined, [pkg('pypi', 'django', '1.0')]);

  it('an unrated PYSEC finding takes its GHSA alias rating', () => {
    const [finding] = matchSbom(sbom, new MemoryAdvisoryLookup([pysec, ghsa]), { now });
    assert.equal(finding?.id, 'PYSEC-2099-1');
    assert.deepEqual([finding?.severity, finding?.severitySource], [4, 'advisory']);
  });

  it('without the linked record it stays UNKNOWN (1), never a guess', () => {
    const [finding] = matchSbom(sbom, new MemoryAdvisoryLookup([pysec]), { now });
    assert.deepEqual([finding?.severity, finding?.severitySource], [1, 'unknown']);
  });
});

describe('bad advisory data', () => {
  it('a versions list with non-strings still lists 4.17.0, and the unknown ecosystem is ignored', () => {
    const findings = matchSbom(sbomOf(undefined, [pkg('npm', 'lodash', '4.17.0')]), store, { now });
    assert.deepEqual(findings.map((f) => f.id).sort(), ['BAD-INPUT-1', 'CVE-2021-23337']);
    const bad = findings.find((f) => f.id === 'BAD-INPUT-1')!;
    assert.equal(bad.evidence[0]!.matchedVersionList, true);
    assert.equal(bad.severitySource, 'unknown');
  });
});

describe('finding order', () => {
  // Names and ids whose collation order differs from code-point order (case, '-', '_', digits).
  const names = [
    'Zeta',
    'alpha',
    'Alpha',
    '_under',
    'a-b',
    'ab',
    'a_b',
    'beta10',
    'beta9',
    'ÉCLAIR',
    'eclair',
  ];
  const ids = ['GHSA-b', 'ghsa-a', 'MAL-10', 'MAL-9', 'mal-1'];
  const records = names.flatMap((name, n) =>
    ids.map((id) => ({
      id: `${id}-${n}`,
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name },
          ranges: [{ type: 'SEMVER' as const, events: [{ introduced: '0' }, { fixed: `${n + 2}.0.0` }] }],
        },
      ],
      ...(n % 3 === 0
        ? { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }
        : {}),
    })),
  );
  const lookup = new MemoryAdvisoryLookup(records);
  const packages = names.flatMap((name) => [pkg('npm', name, '1.0.0'), pkg('npm', name, '1.10.0')]);

  it('is severity, then package name, version and id as localeCompare orders them, on every re-match', () => {
    const expected = matchSbom(sbomOf(undefined, packages), lookup, { now })
      .map((f) => ({ severity: f.severity, name: f.package.name, version: f.package.version, id: f.id }))
      .sort(
        (a, b) =>
          b.severity - a.severity ||
          a.name.localeCompare(b.name) ||
          a.version.localeCompare(b.version) ||
          a.id.localeCompare(b.id),
      );
    assert.equal(expected.length, names.length * ids.length * 2);
    for (let round = 0; round < 2; round++) {
      const got = matchSbom(sbomOf(undefined, [...packages].reverse()), lookup, { now }).map((f) => ({
        severity: f.severity,
        name: f.package.name,
        version: f.package.version,
        id: f.id,
      }));
      assert.deepEqual(got, expected, `round ${round}`);
    }
  });
});
