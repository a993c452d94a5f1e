import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../errors.js';
import type { Finding, Severity } from '../matcher/types.js';
import type { ImageDescription } from '../sbom/model.js';
import { evaluatePolicy, type FailConditions } from './fail-conditions.js';
import { applyFilters } from './filters.js';
import { parseIgnoreFile } from './ignore-file.js';
import { parseOpenVex } from './openvex.js';
import { parseSeverityFilter } from './severity-filter.js';

const testdata = join(import.meta.dirname, 'testdata');
const read = (name: string) => readFileSync(join(testdata, name), 'utf8');

function finding(
  id: string,
  aliases: string[],
  name: string,
  version: string,
  purl: string,
  severity: Severity,
  opts: { fixed?: string[]; score?: number; source?: string } = {},
): Finding {
  const fixed = opts.fixed ?? [];
  return {
    id,
    aliases,
    package: {
      type: purl.startsWith('pkg:deb') ? 'deb' : purl.startsWith('pkg:npm') ? 'npm' : 'pypi',
      name,
      version,
      purl,
      ...(opts.source ? { source: { name: opts.source } } : {}),
      location: { path: 'x' },
    },
    installedVersion: version,
    fixedVersions: fixed,
    patchable: fixed.length > 0,
    severity,
    severitySource: opts.score === undefined ? 'default' : 'cvss',
    ...(opts.score === undefined
      ? {}
      : { cvss: { version: '3.1', vector: 'CVSS:3.1/…', score: opts.score } }),
    references: [],
    evidence: [],
  };
}

const glibc = finding(
  'CVE-2023-4911',
  ['DSA-5514-1'],
  'libc6',
  '2.36-9+deb12u1',
  'pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12',
  4,
  { fixed: ['2.36-9+deb12u3'], score: 7.8, source: 'glibc' },
);
const openssl = finding(
  'CVE-2023-5363',
  ['DSA-5532-1'],
  'libssl3',
  '3.0.11-1~deb12u1',
  'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12',
  1,
  { fixed: ['3.0.11-1~deb12u2'], source: 'openssl' },
);
const lodash = finding(
  'CVE-2021-23337',
  ['GHSA-35jh-r3h4-6jhm'],
  'lodash',
  '4.17.20',
  'pkg:npm/lodash@4.17.20',
  4,
  { fixed: ['4.17.21'], score: 7.2 },
);
const jwutil = finding('CVE-2020-13388', ['PYSEC-2020-341'], 'jw.util', '2.2', 'pkg:pypi/jw-util@2.2', 5, {
  fixed: ['2.3'],
  score: 9.8,
});
const unfixed = finding(
  'CVE-2024-0001',
  [],
  'zlib1g',
  '1:1.2.13.dfsg-1',
  'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1',
  3,
);
const all = [glibc, openssl, lodash, jwutil, unfixed];
const image: ImageDescription = {
  ref: 'test-image',
  kind: 'docker-archive',
  imageId: 'sha256:abc',
  repoTags: [],
  repoDigests: [],
};
const ids = (list: readonly Finding[]) => list.map((f) => f.id);

describe('severity filter', () => {
  const cases: [string[], number[]][] = [
    [['critical,high'], [4, 5]],
    [['>=medium'], [3, 4, 5]],
    [['low+'], [2, 3, 4, 5]],
    [
      ['1', 'CRITICAL'],
      [1, 5],
    ],
  ];
  for (const [input, want] of cases) {
    it(input.join(' '), () => assert.deepEqual([...parseSeverityFilter(input)].sort(), want));
  }
  it('rejects unknown words', () =>
    assert.throws(
      () => parseSeverityFilter(['severe']),
      (e) => isBulwarkError(e, 'USAGE'),
    ));
  it('filters findings', () => {
    const out = applyFilters(all, { severities: parseSeverityFilter(['>=high']) });
    assert.deepEqual(ids(out.findings), ['CVE-2023-4911', 'CVE-2021-23337', 'CVE-2020-13388']);
    assert.equal(out.suppressed.length, 0);
  });
  it('--ignore-unfixed drops findings without a fix', () => {
    assert.deepEqual(ids(applyFilters(all, { ignoreUnfixed: true }).findings), ids(all.slice(0, 4)));
  });
});

describe('ignore file', () => {
  const rules = parseIgnoreFile(read('bulwarkignore.yaml'), 'bulwarkignore.yaml');
  it('active rules suppress by id, alias and package (source name); expired rules warn and stop applying', () => {
    const out = applyFilters(all, { ignoreRules: rules, now: new Date('2024-06-01T00:00:00Z') });
    assert.deepEqual(ids(out.findings), ['CVE-2023-5363', 'CVE-2020-13388', 'CVE-2024-0001']);
    assert.deepEqual(
      out.suppressed.map((s) => [s.finding.id, s.reason]),
      [
        ['CVE-2023-4911', 'ignored: no setuid binaries in this image (until 2024-12-31)'],
        ['CVE-2021-23337', 'ignored: lodash template() is never called'],
      ],
    );
    assert.deepEqual(out.warnings, [
      'ignore rule for CVE-2020-13388 expired on 2024-01-31; it no longer applies',
    ]);
  });
  it('a rule applies through its expiry day and lapses the day after', () => {
    const lastDay = applyFilters([glibc], { ignoreRules: rules, now: new Date('2024-12-31T23:59:59Z') });
    assert.equal(lastDay.findings.length, 0);
    const after = applyFilters([glibc], { ignoreRules: rules, now: new Date('2025-01-01T00:00:00Z') });
    assert.deepEqual(ids(after.findings), ['CVE-2023-4911']);
    assert.equal(after.warnings.length, 2);
  });
  it('a package-scoped rule leaves other packages alone', () => {
    const other = { ...glibc, package: { ...glibc.package, name: 'libc-bin', source: { name: 'other' } } };
    const out = applyFilters([other], { ignoreRules: rules, now: new Date('2024-06-01T00:00:00Z') });
    assert.equal(out.findings.length, 1);
  });
  for (const [name, text] of [
    ['no reason', 'ignore:\n  - id: CVE-1\n'],
    ['bad date', 'ignore:\n  - id: CVE-1\n    reason: x\n    expires: someday\n'],
    ['not a list', 'ignore: 3\n'],
    ['bad yaml', 'ignore: [\n'],
  ]) {
    it(`rejects ${name}`, () =>
      assert.throws(
        () => parseIgnoreFile(text!, 'f.yaml'),
        (e) => isBulwarkError(e, 'INPUT_INVALID'),
      ));
  }
});

describe('OpenVEX', () => {
  const statements = parseOpenVex(read('openvex.json'), 'openvex.json');
  it('not_affected (subcomponent purl without version) and fixed (latest statement) suppress; affected does not', () => {
    const out = applyFilters(all, { vex: statements, image });
    assert.deepEqual(ids(out.findings), ['CVE-2023-4911', 'CVE-2021-23337', 'CVE-2024-0001']);
    assert.deepEqual(
      out.suppressed.map((s) => [s.finding.id, s.reason]),
      [
        ['CVE-2023-5363', 'VEX not_affected (vulnerable_code_not_in_execute_path: no TLS in this image)'],
        ['CVE-2020-13388', 'VEX fixed'],
      ],
    );
  });
  it('a versioned product purl does not cover another version', () => {
    const other = { ...jwutil, package: { ...jwutil.package, purl: 'pkg:pypi/jw-util@2.1' } };
    assert.equal(applyFilters([other], { vex: statements, image }).findings.length, 1);
  });
  it('rejects documents without the OpenVEX context', () =>
    assert.throws(
      () => parseOpenVex('{"statements": []}', 'v.json'),
      (e) => isBulwarkError(e, 'INPUT_INVALID'),
    ));
  it('rejects unknown statuses', () =>
    assert.throws(
      () =>
        parseOpenVex(
          '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"X"},"products":[{"@id":"pkg:npm/a"}],"status":"maybe"}]}',
          'v.json',
        ),
      (e) => isBulwarkError(e, 'INPUT_INVALID'),
    ));
});

describe('evaluatePolicy', () => {
  const cases: {
    name: string;
    conditions: FailConditions;
    failed: boolean;
    exitCode: number;
    reasons?: string[];
  }[] = [
    { name: 'no conditions pass', conditions: {}, failed: false, exitCode: 0 },
    {
      name: 'max critical 0 fails on one critical',
      conditions: { maxPerSeverity: { 5: 0 } },
      failed: true,
      exitCode: 1,
      reasons: ['1 CRITICAL findings (at most 0 allowed)'],
    },
    {
      name: 'max high 2 passes with two highs',
      conditions: { maxPerSeverity: { 4: 2 } },
      failed: false,
      exitCode: 0,
    },
    {
      name: 'max high 1 fails with two highs',
      conditions: { maxPerSeverity: { 4: 1 } },
      failed: true,
      exitCode: 1,
    },
    {
      name: 'CVSS 9.0 threshold',
      conditions: { cvssThreshold: 9 },
      failed: true,
      exitCode: 1,
      reasons: ['1 findings with CVSS >= 9 (CVE-2020-13388)'],
    },
    { name: 'CVSS 9.9 threshold passes', conditions: { cvssThreshold: 9.9 }, failed: false, exitCode: 0 },
    {
      name: 'listed id by alias fails',
      conditions: { failIds: ['DSA-5514-1'] },
      failed: true,
      exitCode: 1,
      reasons: ['DSA-5514-1 is present (libc6 2.36-9+deb12u1)'],
    },
    { name: 'absent id passes', conditions: { failIds: ['CVE-1999-0001'] }, failed: false, exitCode: 0 },
    {
      name: 'custom exit code',
      conditions: { maxPerSeverity: { 3: 0 }, exitCode: 7 },
      failed: true,
      exitCode: 7,
    },
    {
      name: 'only patchable: the unfixed medium does not count',
      conditions: { maxPerSeverity: { 3: 0 }, onlyPatchable: true, exitCode: 7 },
      failed: false,
      exitCode: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const verdict = evaluatePolicy({ findings: all }, c.conditions);
      assert.equal(verdict.failed, c.failed);
      assert.equal(verdict.exitCode, c.exitCode);
      if (c.reasons) assert.deepEqual(verdict.reasons, c.reasons);
    });
  }
});
