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
    severitySource: opts.score === undefined ? 'unknown' : 'cvss',
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

describe('UNKNOWN severity and Trivy level names', () => {
  it('accepts UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL in any case', () =>
    assert.deepEqual(
      [...parseSeverityFilter(['unknown,Low,MEDIUM', 'hIgH,critical'])].sort(),
      [1, 2, 3, 4, 5],
    ));
  it('a minimum leaves UNKNOWN out unless it is >=unknown', () => {
    assert.deepEqual([...parseSeverityFilter(['>=low'])].sort(), [2, 3, 4, 5]);
    assert.deepEqual([...parseSeverityFilter(['>=unknown'])].sort(), [1, 2, 3, 4, 5]);
    assert.deepEqual([...parseSeverityFilter(['unknown,>=high'])].sort(), [1, 4, 5]);
  });
  it('MINIMAL is no longer a level', () =>
    assert.throws(
      () => parseSeverityFilter(['minimal']),
      (e) => isBulwarkError(e, 'USAGE'),
    ));
  it('no filter keeps UNKNOWN findings', () =>
    assert.ok(applyFilters(all, {}).findings.some((f) => f.severity === 1)));
});

describe('filtered counts', () => {
  it('counts what --severity and --ignore-unfixed left out, by level', () => {
    const out = applyFilters(all, { severities: parseSeverityFilter(['critical']), ignoreUnfixed: true });
    assert.deepEqual(ids(out.findings), ['CVE-2020-13388']);
    assert.deepEqual(out.filtered, { bySeverity: { 4: 2, 1: 1, 3: 1 }, unfixed: 0, devDependencies: 0 });
  });
  it('dev-only dependencies are left out by default and counted; --include-dev-deps keeps them', () => {
    const dev = { ...lodash, package: { ...lodash.package, dev: true } };
    const out = applyFilters([dev, jwutil], {});
    assert.deepEqual(ids(out.findings), ['CVE-2020-13388']);
    assert.equal(out.filtered.devDependencies, 1);
    assert.equal(applyFilters([dev], { includeDevDeps: true }).findings.length, 1);
  });
});

describe('OpenVEX products naming a package of the image', () => {
  const vex = (product: object) =>
    parseOpenVex(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'CVE-2021-23337' },
            products: [product],
            status: 'not_affected',
            justification: 'vulnerable_code_not_present',
          },
        ],
      }),
      'v.json',
    );
  const packages = [lodash.package, jwutil.package];

  it('a product purl naming the package applies, even without the image named', () => {
    const out = applyFilters([lodash], { vex: vex({ '@id': 'pkg:npm/lodash@4.17.20' }), image, packages });
    assert.equal(out.suppressed.length, 1);
  });
  it('a package purl as product scopes its subcomponents', () => {
    const statements = vex({ '@id': 'pkg:pypi/jw-util@2.2', subcomponents: [{ '@id': 'pkg:npm/lodash' }] });
    assert.equal(applyFilters([lodash], { vex: statements, image, packages }).suppressed.length, 1);
  });
  it('a product purl for a package not in the image does not scope subcomponents', () => {
    const statements = vex({ '@id': 'pkg:pypi/other@1.0', subcomponents: [{ '@id': 'pkg:npm/lodash' }] });
    assert.equal(applyFilters([lodash], { vex: statements, image, packages }).suppressed.length, 0);
  });
  it('a package without a stored purl is matched by the purl built for it', () => {
    const { purl: _, ...bare } = lodash.package;
    const noPurl = { ...lodash, package: bare };
    const out = applyFilters([noPurl], { vex: vex({ '@id': 'pkg:npm/lodash@4.17.20' }), image });
    assert.equal(out.suppressed.length, 1);
  });
});

describe('gates: --exit-code alone, UNKNOWN, missing data', () => {
  it('anyFinding fails when any finding remains, with the chosen code', () => {
    const verdict = evaluatePolicy({ findings: [lodash] }, { anyFinding: true, exitCode: 3 });
    assert.deepEqual([verdict.failed, verdict.exitCode], [true, 3]);
    assert.equal(evaluatePolicy({ findings: [] }, { anyFinding: true }).failed, false);
  });
  it('a severity gate does not count UNKNOWN, and says so', () => {
    const verdict = evaluatePolicy({ findings: [openssl] }, { maxPerSeverity: { 2: 0, 3: 0, 4: 0, 5: 0 } });
    assert.equal(verdict.failed, false);
    assert.match(verdict.notes[0] ?? '', /1 finding of UNKNOWN severity not counted.*--fail-on-unknown/);
  });
  it('--fail-on-unknown fails on an UNKNOWN finding', () => {
    const verdict = evaluatePolicy({ findings: [openssl] }, { failOnUnknown: true });
    assert.deepEqual(verdict.reasons, ['1 finding of UNKNOWN severity']);
  });
  it('--unknown-as high counts UNKNOWN findings as HIGH', () => {
    const verdict = evaluatePolicy({ findings: [openssl] }, { maxPerSeverity: { 4: 0 }, unknownAs: 4 });
    assert.deepEqual(verdict.reasons, ['1 HIGH findings (at most 0 allowed)']);
  });
  it('--fail-on-missing-data fails when packages could not be checked', () => {
    const warnings = [
      {
        kind: 'missing-data' as const,
        reason: 'no-data-for-release' as const,
        ecosystem: 'Alpine:v3.11',
        packages: 14,
        message: 'x',
      },
    ];
    const verdict = evaluatePolicy({ findings: [], warnings }, { failOnMissingData: true });
    assert.deepEqual(verdict.reasons, ['14 packages could not be checked: no data for Alpine:v3.11']);
    assert.equal(evaluatePolicy({ findings: [], warnings: [] }, { failOnMissingData: true }).failed, false);
  });
});
