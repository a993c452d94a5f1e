import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cvss2BaseScore, cvss3BaseScore, cvss4BaseScore, parseCvss } from './cvss.js';

const nvd = readFileSync(join(import.meta.dirname, 'testdata/cvss-v3-nvd.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, string, string]);

describe('cvss3BaseScore', () => {
  it('has at least 15 NVD truth pairs', () => assert.ok(nvd.length >= 15));
  for (const [cve, vector, score] of nvd) {
    it(`${cve}: ${vector} = ${score}`, () => assert.equal(cvss3BaseScore(vector), Number(score)));
  }
  for (const bad of [
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
    'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:2.0/AV:N',
    'garbage',
    '',
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(cvss3BaseScore(bad), undefined));
  }
  it('no impact scores 0', () =>
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N'), 0));
});

describe('cvss2BaseScore', () => {
  // NVD v2 scores: CVE-2014-0160 (Heartbleed) 5.0, CVE-2014-6271 (Shellshock) 10.0.
  it('Heartbleed AV:N/AC:L/Au:N/C:P/I:N/A:N = 5.0', () =>
    assert.equal(cvss2BaseScore('AV:N/AC:L/Au:N/C:P/I:N/A:N'), 5));
  it('Shellshock AV:N/AC:L/Au:N/C:C/I:C/A:C = 10.0', () =>
    assert.equal(cvss2BaseScore('AV:N/AC:L/Au:N/C:C/I:C/A:C'), 10));
});

describe('cvss4BaseScore', () => {
  // Scores as FIRST's calculator and NVD publish them.
  const truth: [string, number][] = [
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
    // A threat metric appended by a feed does not change the base score.
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 9.3],
  ];
  for (const [vector, score] of truth)
    it(`${vector} = ${score}`, () => assert.equal(cvss4BaseScore(vector), score));
  for (const bad of [
    'CVSS:4.0/AV:N/AC:L',
    'CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    'x',
  ]) {
    it(`rejects ${bad}`, () => assert.equal(cvss4BaseScore(bad), undefined));
  }
});

describe('parseCvss', () => {
  it('a v4 vector alone is scored', () =>
    assert.deepEqual(
      parseCvss('CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
      {
        version: '4.0',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        score: 9.3,
      },
    ));
  it('a partial v4 vector with a number uses the number', () =>
    assert.equal(parseCvss('CVSS_V4', 'CVSS:4.0/AV:N/AC:L 9.3')?.score, 9.3));
  it('a partial v4 vector alone has no score', () =>
    assert.equal(parseCvss('CVSS_V4', 'CVSS:4.0/AV:N/AC:L'), undefined));
  it('v3 keeps its vector and version', () =>
    assert.deepEqual(parseCvss('CVSS_V3', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), {
      version: '3.0',
      vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      score: 9.8,
    }));
});
