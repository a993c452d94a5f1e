/**
 * Fail conditions of `bulwark ci` over a server answer: per-severity counts, ids (and
 * aliases), CVSS threshold by version, only-patchable, exclusions, several images, and
 * the timeout rule (fail only when conditions are set).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printSummary } from '../cli/commands/ci.js';
import { type CiFlags, toCiConditions } from '../cli/commands/ci-options.js';
import { cvssOf, notCheckedMessage, toScanResult } from './ci-findings.js';
import { applyExclusions, type GateVerdict, judgeMissing, judgeResult } from './ci-gate.js';
import { type CiImagePayload, type CiVulnerabilityPayload, parseCiPayload } from './ci-payload.js';
import { type CiImageSummary, type ImageOutcome, runSummary, verdictFields } from './ci-summary.js';
import { ciExitCodes, combineExitCodes } from './exit-codes.js';

function vuln(
  id: string,
  severity: number,
  extra: Partial<CiVulnerabilityPayload> & { patchable?: boolean } = {},
): CiVulnerabilityPayload {
  const { patchable = true, ...rest } = extra;
  return {
    id,
    qid: 1,
    aliases: [],
    title: `${id} title`,
    severity,
    cvssScore: null,
    cvssVector: null,
    published: null,
    packages: [
      {
        name: 'openssl',
        version: '3.0.11-1',
        type: 'deb',
        ecosystem: 'Debian:12',
        purl: null,
        path: 'var/lib/dpkg/status',
        fixedVersion: patchable ? '3.0.13-1' : null,
        patchable,
      },
    ],
    ...rest,
  };
}

function payload(vulns: CiVulnerabilityPayload[], checked = true): CiImagePayload {
  return {
    uuid: 'u',
    sha: 'a'.repeat(64),
    imageId: 'a'.repeat(12),
    repoTags: [],
    operatingSystem: 'Debian GNU/Linux 12',
    lastScanned: '1700000000000',
    matchedAt: '1700000000001',
    vulnerabilitiesChecked: checked,
    scanError: checked ? null : 'not checked: no advisories for this OS release',
    vulnerabilities: vulns,
  };
}

const flags = (f: Partial<CiFlags>): CiFlags => ({
  triggerTag: 'bulwark_scan_target',
  pollInterval: '1s',
  timeout: '5s',
  failOnSeverity: [],
  failId: [],
  excludeId: [],
  reportFormats: 'html',
  ...f,
});

const image = payload([
  vuln('DSA-1', 5, {
    aliases: ['CVE-2026-0001'],
    cvssScore: 9.8,
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  }),
  vuln('DSA-2', 4, { cvssScore: 7.5, cvssVector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', patchable: false }),
  vuln('DSA-3', 4),
  vuln('DSA-4', 4),
  vuln('DSA-5', 2),
]);
const result = toScanResult(image, 'docker:test');
const judge = (f: Partial<CiFlags>, excluded: string[] = []) =>
  judgeResult(applyExclusions(result, excluded), toCiConditions(flags(f)));

describe('ci fail conditions', () => {
  const cases: [string, Partial<CiFlags>, string[], boolean][] = [
    ['no conditions pass', {}, [], false],
    ['5=0 fails on one critical', { failOnSeverity: ['5=0'] }, [], true],
    ['4=3 allows three highs', { failOnSeverity: ['4=3'] }, [], false],
    ['4=2 fails on three highs', { failOnSeverity: ['4=2'] }, [], true],
    ['comma list 5=1,4=3 passes', { failOnSeverity: ['5=1,4=3'] }, [], false],
    ['names work: critical=0', { failOnSeverity: ['critical=0'] }, [], true],
    ['a single severity means any at or above it', { failOnSeverity: ['medium'] }, [], true],
    ['a single severity above everything passes', { failOnSeverity: ['5'] }, ['DSA-1'], false],
    ['an id fails', { failId: ['DSA-3'] }, [], true],
    ['an alias fails', { failId: ['CVE-2026-0001'] }, [], true],
    ['an absent id passes', { failId: ['CVE-1999-0001'] }, [], false],
    ['CVSS 9 (any version) fails', { failCvss: '9' }, [], true],
    ['CVSS 9.9 passes', { failCvss: '9.9' }, [], false],
    ['CVSS 7 v2 reads the v2 score', { failCvss: '7', cvssVersion: '2' }, [], true],
    ['CVSS 8 v2 ignores the v3 9.8', { failCvss: '8', cvssVersion: '2' }, [], false],
    ['CVSS 8 v3 reads the v3 9.8', { failCvss: '8', cvssVersion: '3' }, [], true],
    ['only patchable: 4=2 counts two highs', { failOnSeverity: ['4=2'], failOnlyPatchable: true }, [], false],
    [
      'only patchable: the unpatched id does not fail',
      { failId: ['DSA-2'], failOnlyPatchable: true },
      [],
      false,
    ],
    ['an excluded critical passes 5=0', { failOnSeverity: ['5=0'] }, ['DSA-1'], false],
    ['exclusion by alias', { failOnSeverity: ['5=0'] }, ['CVE-2026-0001'], false],
    ['an excluded id does not fail --fail-id', { failId: ['DSA-3'] }, ['DSA-3'], false],
  ];
  for (const [name, f, excluded, fails] of cases) {
    it(name, () => {
      const verdict = judge(f, excluded);
      assert.equal(verdict.failed, fails, verdict.reasons.join('; '));
      assert.equal(verdict.exitCode, fails ? ciExitCodes.policyFail : ciExitCodes.pass);
    });
  }

  it('a version-restricted CVSS threshold names what it could not count', () => {
    const verdict = judge({ failCvss: '8', cvssVersion: '2' });
    assert.match(verdict.notes.join('\n'), /4 findings have no CVSS v2 score/);
  });

  it('excluded findings stay in the result as suppressed, with the reason', () => {
    const r = applyExclusions(result, ['DSA-1']);
    assert.equal(r.findings.length, 4);
    assert.deepEqual(
      r.suppressed.map((s) => [s.finding.id, s.reason]),
      [['DSA-1', 'excluded (--exclude-id)']],
    );
  });

  it('reads the CVSS version from the vector', () => {
    assert.equal(cvssOf(7.5, 'AV:N/AC:L/Au:N/C:P/I:P/A:P')?.version, '2.0');
    assert.equal(cvssOf(9.8, 'CVSS:3.1/AV:N')?.version, '3.1');
    assert.equal(cvssOf(9.8, 'CVSS:4.0/AV:N')?.version, '4.0');
    assert.equal(cvssOf(null, 'CVSS:3.1/AV:N'), undefined);
  });

  it('no results: fail (exit 3) only when fail conditions are set', () => {
    const withConditions = judgeMissing(
      'no results within 5s',
      toCiConditions(flags({ failOnSeverity: ['5=0'] })),
    );
    assert.deepEqual([withConditions.failed, withConditions.exitCode], [true, ciExitCodes.noResults]);
    const without = judgeMissing('no results within 5s', toCiConditions(flags({})));
    assert.deepEqual([without.failed, without.exitCode], [false, ciExitCodes.pass]);
    assert.match(without.notes[0] ?? '', /NOT a clean result/);
  });

  it('reads the answer by the route schema: another shape is an error, never an empty list', () => {
    assert.equal(parseCiPayload(JSON.stringify(payload([vuln('DSA-1', 4)]))).ok, true);
    const bad = parseCiPayload(JSON.stringify(payload([vuln('DSA-1', 9)])));
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error, /severity/);
    const { vulnerabilitiesChecked: _gone, ...unchecked } = payload([]);
    assert.equal(parseCiPayload(JSON.stringify(unchecked)).ok, false);
    assert.equal(parseCiPayload('not json').ok, false);
  });

  it('keeps every package type Bulwark models; an unknown one is generic', () => {
    const typed = (type: string | null) => {
      const v = vuln('GHSA-x', 3);
      v.packages = v.packages.map((p) => ({ ...p, type }));
      return toScanResult(payload([v]), 'x').findings[0]?.package.type;
    };
    assert.equal(typed('hackage'), 'hackage');
    assert.equal(typed('conda'), 'conda');
    assert.equal(typed('deb'), 'deb');
    assert.equal(typed('nonsense'), 'generic');
    assert.equal(typed(null), 'generic');
  });

  it('a server without vulnerability data is a warning in every report, not a clean result', () => {
    const r = toScanResult(payload([], false), 'docker:x');
    // The server's reason is carried into the warning, with the not-clean statement.
    assert.match(
      r.warnings?.[0]?.message ?? '',
      /^not checked: no advisories for this OS release: .*not a clean result$/,
    );
  });

  it('several images: the run fails if any image fails; refused beats policy beats no results', () => {
    const { pass, policyFail, noResults, refused } = ciExitCodes;
    assert.equal(combineExitCodes([pass, pass]), pass);
    assert.equal(combineExitCodes([pass, policyFail]), policyFail);
    assert.equal(combineExitCodes([noResults, policyFail, pass]), policyFail);
    assert.equal(combineExitCodes([noResults, pass]), noResults);
    assert.equal(combineExitCodes([policyFail, refused]), refused);
  });

  it('a run that passes without checking an image says so at the top of the JSON and in the text', () => {
    const image = (imageId: string, outcome: ImageOutcome, verdict: GateVerdict): CiImageSummary => ({
      given: imageId,
      imageId,
      sha: `sha256:${imageId}`,
      triggerTag: null,
      outcome,
      calls: 1,
      ...verdictFields(verdict),
      severityCounts: null,
      vulnerabilities: [],
      excluded: [],
      reports: [],
    });
    const none = toCiConditions(flags({}));
    const clean = image('aaaaaaaaaaaa', 'complete', judgeResult(toScanResult(payload([]), 'x'), none));
    const late = image('bbbbbbbbbbbb', 'timeout', judgeMissing('no results within 5s', none));
    const empty = image('cccccccccccc', 'not-checked', judgeMissing(notCheckedMessage(null), none));
    const run = runSummary('http://server', [clean, late, empty]);
    assert.deepEqual([run.passed, run.exitCode], [true, ciExitCodes.pass], 'no conditions: the build passes');
    assert.equal(run.checked, false);
    assert.deepEqual(run.notChecked, ['bbbbbbbbbbbb', 'cccccccccccc']);
    assert.match(printSummary(run), /^result: PASS, NOT CHECKED: bbbbbbbbbbbb, cccccccccccc \(exit 0\)$/m);
    const all = runSummary('http://server', [clean]);
    assert.deepEqual([all.checked, all.notChecked], [true, []]);
    assert.match(printSummary(all), /^result: PASS \(exit 0\)$/m);
  });
});
