import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { dpkgCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { deb } from './deb.js';

// Rules from deb-version(7) and dpkg's lib/dpkg/version.c (verrevcmp, parseversion).
const TABLE = [
  '1.0~rc1 < 1.0', // ~ sorts before the end of the string
  '1.0~~ < 1.0~', // …and before another ~
  '1.0 < 1.0a', // the end sorts before letters
  '1.0a < 1.0+', // letters before non-letters
  '1.0+ < 1.0.1',
  '1.0 = 1.0-0', // an absent revision equals revision 0
  '0:1.0 = 1.0', // epoch 0 is the default
  '1:0.1 > 9.9', // epoch first
  '1.01 = 1.1', // digit runs compare numerically
  '2.6.32-5 < 2.6.32-41',
  '1.2.3-1+deb12u1 > 1.2.3-1',
  '1.2.3-1~bpo11+1 < 1.2.3-1',
  '1:2.38.1-5+deb12u1 > 1:2.38.1-5',
  '10.0.0 > 9.99999999999999999999', // digit runs longer than 2^53
  '1.0-1-2 > 1.0-1', // the LAST hyphen starts the revision
  '! ',
  '! :1.0',
  '! a:1.0',
  '! 1.0-',
  '! 1:',
  '! 1.0 2',
];

test('deb: dpkg ordering rules', () => {
  const r = checkVectors(deb, parseVectors(TABLE));
  assert.deepEqual(r.disagreements, []);
});

test('deb: parse keeps the epoch and reports why a version is invalid', () => {
  const p = deb.parse('2:1.0-3');
  assert.ok(p.valid && p.value.epoch === 2);
  const bad = deb.parse('x:1');
  assert.ok(!bad.valid && /epoch/.test(bad.reason));
});

test('deb live: dpkg --compare-versions still agrees with the committed vectors', () => {
  const sample = spread(readVectors(join(import.meta.dirname, 'testdata/deb-versions.txt')), 200);
  const truth = dpkgCompare(sample.map((p) => [p.a, p.b] as const));
  assert.equal(truth.length, sample.length);
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  assert.deepEqual(checkVectors(deb, { pairs: sample, invalid: [] }).disagreements, []);
});
