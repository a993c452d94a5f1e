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
    // 0.0 is a known rating ("none"), the lowest level, never UNKNOWN.
    [0, 2],
  ];
  for (const [score, severity] of table)
    it(`${score} → ${severity}`, () => assert.equal(severityFromScore(score), severity));
});

describe('severityOf', () => {
  const cases: {
    name: string;
    record: OsvRecord;
    affected?: OsvAffected;
    osPackage?: boolean;
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
      osPackage: true,
      want: [4, 'distro'],
    },
    {
      name: 'Debian "unimportant" is a known LOW, not UNKNOWN',
      record: base,
      affected: { database_specific: { urgency: 'unimportant' } },
      osPackage: true,
      want: [2, 'distro'],
    },
    {
      name: 'for an OS package the distro rating decides over CVSS, which stays beside it',
      record: {
        ...base,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      },
      affected: { ecosystem_specific: { urgency: 'low' } },
      osPackage: true,
      want: [2, 'distro', 9.8],
    },
    {
      name: 'for a language package CVSS decides over a rating word',
      record: {
        ...base,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        database_specific: { severity: 'LOW' },
      },
      want: [5, 'cvss', 9.8],
    },
    {
      name: 'Ubuntu priority',
      record: { ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] },
      osPackage: true,
      want: [3, 'distro'],
    },
    {
      name: 'Ubuntu "negligible" is LOW',
      record: { ...base, severity: [{ type: 'Ubuntu', score: 'negligible' }] },
      osPackage: true,
      want: [2, 'distro'],
    },
    {
      name: 'Red Hat "Important"',
      record: { ...base, database_specific: { severity: 'Important' } },
      osPackage: true,
      want: [4, 'distro'],
    },
    {
      name: 'GHSA severity word, for a language package',
      record: { ...base, database_specific: { severity: 'MODERATE' } },
      want: [3, 'advisory'],
    },
    {
      name: 'a v4 vector alone is scored',
      record: {
        ...base,
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        ],
      },
      want: [5, 'cvss', 9.3],
    },
    {
      name: 'a v2 vector alone is scored',
      record: { ...base, severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:N/A:N' }] },
      want: [3, 'cvss', 5],
    },
    {
      name: '"not yet assigned" and nothing else → UNKNOWN',
      record: base,
      affected: { ecosystem_specific: { urgency: 'not yet assigned' } },
      osPackage: true,
      want: [1, 'unknown'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = severityOf(c.record, c.affected, c.osPackage ?? false);
      assert.deepEqual([got.severity, got.severitySource, ...(got.cvss ? [got.cvss.score] : [])], c.want);
    });
  }
});
