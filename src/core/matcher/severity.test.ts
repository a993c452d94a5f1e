import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvAffected, OsvRecord } from '../advisory/osv-types.js';
import { severityFromScore, severityOf } from './severity.js';

const base: OsvRecord = { id: 'X', modified: '2024-01-01T00:00:00Z' };

describe('severityFromScore', () => {
  const table: [number, number][] = [
    [10, 5],
    [9.0, 5],
    [8.9, 4],
    [7.0, 4],
    [6.9, 3],
    [4.0, 3],
    [3.9, 2],
    [0.1, 2],
    [0, 1],
  ];
  for (const [score, severity] of table)
    it(`${score} → ${severity}`, () => assert.equal(severityFromScore(score), severity));
});

describe('severityOf', () => {
  const cases: {
    name: string;
    record: OsvRecord;
    affected?: OsvAffected;
    want: [number, string, number?];
  }[] = [
    {
      name: 'CVSS v3 vector is scored',
      record: {
        ...base,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' }],
      },
      want: [4, 'cvss', 7.8],
    },
    {
      name: 'v3 wins over v2 whatever the order',
      record: {
        ...base,
        severity: [
          { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N' },
        ],
      },
      want: [3, 'cvss', 5.9],
    },
    {
      name: 'Debian urgency when no score',
      record: base,
      affected: { ecosystem_specific: { urgency: 'high' } },
      want: [4, 'distro'],
    },
    {
      name: 'Debian "unimportant"',
      record: base,
      affected: { database_specific: { urgency: 'unimportant' } },
      want: [1, 'distro'],
    },
    {
      name: 'Ubuntu priority',
      record: { ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] },
      want: [3, 'distro'],
    },
    {
      name: 'GHSA severity word',
      record: { ...base, database_specific: { severity: 'MODERATE' } },
      want: [3, 'distro'],
    },
    {
      name: 'an unscored v4 falls through to the GHSA word',
      record: {
        ...base,
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        ],
        database_specific: { severity: 'CRITICAL' },
      },
      want: [5, 'distro'],
    },
    {
      name: '"not yet assigned" and nothing else → default 1',
      record: base,
      affected: { ecosystem_specific: { urgency: 'not yet assigned' } },
      want: [1, 'default'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = severityOf(c.record, c.affected);
      assert.deepEqual([got.severity, got.severitySource, ...(got.cvss ? [got.cvss.score] : [])], c.want);
    });
  }
});
