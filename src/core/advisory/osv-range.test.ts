import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { schemeForEcosystem, versionSchemes } from '../version/schemes.js';
import type { VersionScheme } from '../version/types.js';
import { evaluateAffected, type RangeVerdict } from './osv-range.js';
import type { OsvAffected, OsvRecord } from './osv-types.js';

function record(id: string): OsvRecord {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, 'testdata/osv-range', `${id}.json`), 'utf8'),
  ) as OsvRecord;
}

function first(id: string): { affected: OsvAffected; scheme: VersionScheme } {
  const affected = record(id).affected![0]!;
  const scheme = schemeForEcosystem(affected.package!.ecosystem);
  assert.ok(scheme);
  return { affected, scheme };
}

/** A compact summary of a verdict: what the table rows assert. */
function summary(v: RangeVerdict): string {
  if (!v.affected) return `no (${v.reason})`;
  const m = v.matches[0];
  const why = m
    ? `${m.introduced.version}..${m.closedBy ? `${m.closedBy.kind}:${m.closedBy.version}` : 'open'}`
    : 'listed';
  return `yes ${why}${v.listed ? ' +listed' : ''}`;
}

const REAL: [id: string, version: string, want: string][] = [
  // Go stdlib, SEMVER pairs [0,1.19.12) [1.20.0-0,1.20.7) [1.21.0-0,1.21.0-rc.4)
  ['GO-2023-1987', 'v1.19.11', 'yes 0..fixed:1.19.12'],
  ['GO-2023-1987', 'v1.19.12', 'no (outside-ranges)'],
  ['GO-2023-1987', 'v1.20.0', 'yes 1.20.0-0..fixed:1.20.7'],
  ['GO-2023-1987', 'v1.20.7', 'no (outside-ranges)'],
  ['GO-2023-1987', 'v1.21.0-rc.3', 'yes 1.21.0-0..fixed:1.21.0-rc.4'],
  ['GO-2023-1987', 'v1.21.0', 'no (outside-ranges)'],
  ['GO-2023-1987', 'go1.20', 'no (invalid-version)'],
  // mattermost: fixed at a pseudo-version, then +incompatible pairs
  ['GO-2025-3797', 'v0.0.0-20250101000000-abcdefabcdef', 'yes 0..fixed:0.0.0-20250513065225-4ae5d647fb88'],
  ['GO-2025-3797', 'v0.0.0-20250601000000-abcdefabcdef', 'no (outside-ranges)'],
  ['GO-2025-3797', 'v9.11.5+incompatible', 'yes 9.11.0+incompatible..fixed:9.11.16+incompatible'],
  ['GO-2025-3797', 'v9.11.16+incompatible', 'no (outside-ranges)'],
  ['GO-2025-3797', 'v10.8.0+incompatible', 'yes 10.8.0+incompatible..fixed:10.8.1+incompatible'],
  // py: last_affected is inclusive; the versions list is honoured too
  ['PYSEC-2022-42969', '1.11.0', 'yes 0..last_affected:1.11.0 +listed'],
  ['PYSEC-2022-42969', '1.11.0.post1', 'no (outside-ranges)'],
  ['PYSEC-2022-42969', '1.4.7.dev3', 'yes 0..last_affected:1.11.0 +listed'],
  ['PYSEC-2022-42969', '1.0', 'yes 0..last_affected:1.11.0 +listed'], // equal to the listed 1.0.0
  // flask: GIT range skipped, ECOSYSTEM [0,2.2.5) [2.3.0,2.3.2)
  ['PYSEC-2023-62', '2.2.4', 'yes 0..fixed:2.2.5 +listed'],
  ['PYSEC-2023-62', '2.2.5', 'no (outside-ranges)'],
  ['PYSEC-2023-62', '2.3.0', 'yes 2.3.0..fixed:2.3.2 +listed'],
  ['PYSEC-2023-62', '2.3.2', 'no (outside-ranges)'],
];

test('osv-range: real records', () => {
  for (const [id, version, want] of REAL) {
    const { affected, scheme } = first(id);
    assert.equal(summary(evaluateAffected(version, affected, scheme)), want, `${id} ${version}`);
  }
});

test('osv-range: the verdict names the range, events and fixed versions', () => {
  const { affected, scheme } = first('GO-2023-1987');
  const v = evaluateAffected('v1.20.3', affected, scheme);
  assert.ok(v.affected);
  assert.deepEqual(v.matches[0], {
    rangeIndex: 0,
    type: 'SEMVER',
    scheme: 'semver',
    introduced: { kind: 'introduced', version: '1.20.0-0', eventIndex: 2 },
    closedBy: { kind: 'fixed', version: '1.20.7', eventIndex: 3 },
    fixed: ['1.19.12', '1.20.7', '1.21.0-rc.4'],
  });
  assert.deepEqual(v.fixed, ['1.19.12', '1.20.7', '1.21.0-rc.4']);
  const flask = first('PYSEC-2023-62');
  const f = evaluateAffected('2.2.0', flask.affected, flask.scheme);
  assert.ok(f.affected);
  assert.equal(f.matches[0]!.rangeIndex, 1);
  assert.deepEqual(f.fixed, ['2.2.5', '2.3.2']);
  assert.match(f.skipped[0]!.reason, /GIT/);
});

test('osv-range: event order in the record does not matter (synthetic: GO-2023-1987 events reversed)', () => {
  const { affected, scheme } = first('GO-2023-1987');
  const reversed: OsvAffected = {
    ...affected,
    ranges: affected.ranges!.map((r) => ({ ...r, events: [...r.events].reverse() })),
  };
  for (const v of [
    'v1.0.0',
    'v1.19.12',
    'v1.20.0-rc.1',
    'v1.20.6',
    'v1.20.7',
    'v1.21.0-rc.1',
    'v1.21.0',
    'v1.22.0',
  ]) {
    assert.equal(
      evaluateAffected(v, reversed, scheme).affected,
      evaluateAffected(v, affected, scheme).affected,
      v,
    );
  }
});

/** Synthetic entries for what the fixtures lack; each row: events, ecosystem, version, affected?. */
const SYNTHETIC: [
  name: string,
  ecosystem: string,
  events: Record<string, string>[],
  version: string,
  want: string,
][] = [
  [
    'spec multiple ranges',
    'npm',
    [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }],
    '3.1.0',
    'yes 3.0.0..fixed:3.2.5',
  ],
  [
    'spec multiple ranges, gap',
    'npm',
    [{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }],
    '2.0.0',
    'no (outside-ranges)',
  ],
  [
    'introduced is inclusive',
    'npm',
    [{ introduced: '1.0.0' }, { fixed: '1.0.2' }],
    '1.0.0',
    'yes 1.0.0..fixed:1.0.2',
  ],
  ['below introduced', 'npm', [{ introduced: '1.0.0' }], '0.9.0', 'no (outside-ranges)'],
  ['unfixed', 'npm', [{ introduced: '0' }], '99.0.0', 'yes 0..open'],
  ['limit bounds an open range', 'npm', [{ introduced: '0' }, { limit: '2.0.0' }], '1.9.9', 'yes 0..open'],
  ['limit is exclusive', 'npm', [{ introduced: '0' }, { limit: '2.0.0' }], '2.0.0', 'no (outside-ranges)'],
  [
    'any of several limits',
    'npm',
    [{ introduced: '0' }, { limit: '1.0.0' }, { limit: '3.0.0' }],
    '2.0.0',
    'yes 0..open',
  ],
  ['limit * is infinity', 'npm', [{ introduced: '1.0.0' }, { limit: '*' }], '5.0.0', 'yes 1.0.0..open'],
  [
    'unparsable fixed is skipped',
    'npm',
    [{ introduced: '0' }, { fixed: 'not-a-version' }],
    '1.0.0',
    'yes 0..open',
  ],
  [
    'Debian epoch in fixed',
    'Debian:12',
    [{ introduced: '0' }, { fixed: '1:2.38.1-5+deb12u1' }],
    '2.38.1-5+deb12u1',
    'yes 0..fixed:1:2.38.1-5+deb12u1',
  ],
  [
    'Debian ~ before release',
    'Debian:12',
    [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }],
    '3.0.11-1~deb12u1',
    'yes 0..fixed:3.0.11-1~deb12u2',
  ],
  [
    'Ubuntu fixed reached',
    'Ubuntu:22.04:LTS',
    [{ introduced: '0' }, { fixed: '3.0.2-0ubuntu1.10' }],
    '3.0.2-0ubuntu1.10',
    'no (outside-ranges)',
  ],
  [
    'Alpine revision',
    'Alpine:v3.20',
    [{ introduced: '0' }, { fixed: '1.36.1-r15' }],
    '1.36.1-r2',
    'yes 0..fixed:1.36.1-r15',
  ],
  [
    'Alpine invalid installed',
    'Alpine:v3.20',
    [{ introduced: '0' }, { fixed: '1.36.1-r15' }],
    '1.36.1-2',
    'no (invalid-version)',
  ],
  [
    'Red Hat epoch',
    'Red Hat:enterprise_linux:9::baseos',
    [{ introduced: '0' }, { fixed: '1:3.0.7-27.el9' }],
    '1:3.0.7-24.el9',
    'yes 0..fixed:1:3.0.7-27.el9',
  ],
  [
    'Maven qualifier',
    'Maven',
    [{ introduced: '2.0.0-beta9' }, { fixed: '2.15.0' }],
    '2.14.1',
    'yes 2.0.0-beta9..fixed:2.15.0',
  ],
];

test('osv-range: synthetic cases (limit, unsorted, unparsable, distro schemes)', () => {
  for (const [name, ecosystem, events, version, want] of SYNTHETIC) {
    const scheme = schemeForEcosystem(ecosystem);
    assert.ok(scheme, ecosystem);
    const affected = { ranges: [{ type: 'ECOSYSTEM', events }] } as OsvAffected;
    assert.equal(summary(evaluateAffected(version, affected, scheme)), want, name);
  }
});

test('osv-range: bad data gives reasons, never an exception', () => {
  const npm = versionSchemes.semver;
  const weird = {
    ranges: [
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, {}, { fixed: 'x.y' }] },
      { type: 'GIT', repo: 'https://example.invalid/r', events: [{ introduced: 'abc' }] },
      { type: 'SEMVER', events: 'not-an-array' },
      { type: 'NEW_TYPE', events: [] },
    ],
    versions: [42, '1.0.0'],
  } as unknown as OsvAffected;
  const v = evaluateAffected('1.0.0', weird, npm);
  assert.ok(v.affected);
  assert.deepEqual(
    v.skipped.map((s) => [s.rangeIndex, s.eventIndex]),
    [
      [0, 1],
      [0, 2],
      [1, undefined],
      [3, undefined],
    ],
  );
  assert.match(v.skipped[1]!.reason, /unparsable fixed version "x\.y"/);
  const invalid = evaluateAffected('', weird, npm);
  assert.ok(!invalid.affected && invalid.reason === 'invalid-version');
  // A SEMVER range cannot judge a version SemVer cannot read (PyPI "1.0"): skipped, with a reason.
  const semverOnly = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] } as OsvAffected;
  const py = evaluateAffected('1.0', semverOnly, versionSchemes.pep440);
  assert.ok(!py.affected);
  assert.match(py.skipped[0]!.reason, /not SemVer/);
});
