import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { rpmCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { rpm } from './rpm.js';

// Rules from rpm's rpmio/rpmvercmp.c and rpmver.c (rpm 4.18), checked against rpm.vercmp.
const TABLE = [
  '1.0~rc1 < 1.0', // ~ sorts before everything, even the end
  '1.0~rc1 < 1.0~rc2',
  '1.0 < 1.0^git1', // ^ sorts after the end…
  '1.0^git1 < 1.0.1', // …but before any further segment
  '1.0^git1 > 1.0~rc1',
  '1.0a > 1.0', // leftover characters win
  '1.0.1 > 1.0a', // a digit segment beats a letter segment
  '1_0 = 1.0', // separators only separate
  '1.0a = 1.0.a',
  '1.01 = 1.1',
  '0:1.0-1 = 1.0-1', // missing epoch is 0
  '1:1.0 > 2.0',
  '1.0-1 > 1.0', // rpm 4.18: a missing release sorts below any release
  '1.0- > 1.0',
  '1.0-1 < 1.0-1.0',
  '2.28-225.el9_3 < 2.28-236.el9',
  '1:1.1.1k-12.el8_9 > 1:1.1.1k-9.el8_7',
  '5.14.21-150500.55.39.1 > 5.14.21-150500.55.31.1',
  '! ',
];

test('rpm: rpmvercmp and EVR rules', () => {
  assert.deepEqual(checkVectors(rpm, parseVectors(TABLE)).disagreements, []);
});

test('rpm: parse splits epoch, version and release', () => {
  const p = rpm.parse('2:1.0-3.el9');
  assert.ok(p.valid);
  assert.equal(p.value.epoch, '2');
  assert.equal(p.value.release?.length, 3);
});

test('rpm live: rpm.vercmp still agrees with the committed vectors', () => {
  const sample = spread(readVectors(join(import.meta.dirname, 'testdata/rpm-versions.txt')), 300);
  const truth = rpmCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  const table = parseVectors(TABLE).pairs;
  const live = rpmCompare(table.map((p) => [p.a, p.b] as const));
  table.forEach((p, i) => {
    assert.equal(live[i], p.op, `table line ${p.a} ${p.op} ${p.b} per rpm`);
  });
});
