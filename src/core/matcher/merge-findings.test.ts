import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergePackageFindings } from './merge-findings.js';
import type { Finding } from './types.js';

function finding(
  id: string,
  aliases: string[],
  severity: Finding['severity'],
  fixed: string[] = [],
): Finding {
  return {
    id,
    aliases,
    package: { type: 'deb', name: 'libc6', version: '1', location: { path: 'x' } },
    installedVersion: '1',
    fixedVersions: fixed,
    patchable: fixed.length > 0,
    severity,
    severitySource: 'unknown',
    references: [],
    evidence: [
      {
        advisoryId: id,
        ecosystem: 'Debian:12',
        packageName: 'glibc',
        via: 'source',
        comparator: 'deb',
        comparedVersion: '1',
      },
    ],
  };
}

describe('mergePackageFindings', () => {
  it('joins a DSA and its CVE record; the CVE is the id; highest severity and union of fixes win', () => {
    const merged = mergePackageFindings([
      finding('DSA-1-1', ['CVE-2024-1'], 2, ['2']),
      finding('DEBIAN-CVE-2024-1', ['CVE-2024-1'], 4, ['2', '3']),
    ]);
    assert.equal(merged.length, 1);
    assert.equal(merged[0]!.id, 'CVE-2024-1');
    assert.deepEqual([...merged[0]!.aliases].sort(), ['DEBIAN-CVE-2024-1', 'DSA-1-1']);
    assert.equal(merged[0]!.severity, 4);
    assert.deepEqual(merged[0]!.fixedVersions, ['2', '3']);
    assert.equal(merged[0]!.evidence.length, 2);
  });

  it('joins chains with no CVE (GHSA ↔ PYSEC) under the first advisory id', () => {
    const merged = mergePackageFindings([finding('PYSEC-1', ['GHSA-x'], 3), finding('GHSA-x', [], 3)]);
    assert.deepEqual(
      merged.map((f) => f.id),
      ['PYSEC-1'],
    );
  });

  it('a DSA fixing two CVEs lends evidence to each CVE finding without merging the two', () => {
    const merged = mergePackageFindings([
      finding('DSA-2-1', ['CVE-2024-2', 'CVE-2024-3'], 1, ['5']),
      finding('DEBIAN-CVE-2024-2', ['CVE-2024-2'], 3, ['5']),
      finding('DEBIAN-CVE-2024-3', ['CVE-2024-3'], 2, ['5']),
    ]);
    assert.deepEqual(
      merged.map((f) => [f.id, f.severity, f.evidence.length]),
      [
        ['CVE-2024-2', 3, 2],
        ['CVE-2024-3', 2, 2],
      ],
    );
    assert.ok(!merged[0]!.aliases.includes('CVE-2024-3'));
  });

  it('a multi-CVE advisory with no CVE finding of its own stands under its own id', () => {
    const merged = mergePackageFindings([finding('DSA-3-1', ['CVE-2024-4', 'CVE-2024-5'], 1)]);
    assert.deepEqual(
      merged.map((f) => f.id),
      ['DSA-3-1'],
    );
  });

  it('unrelated advisories stay apart', () => {
    assert.equal(
      mergePackageFindings([finding('A', ['CVE-1-1'], 1), finding('B', ['CVE-1-2'], 1)]).length,
      2,
    );
  });
});
