import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import nodeSemver from 'semver';
import { checkVectors, parseVectors, readVectors, verdictOf } from '../../test-support/vectors-harness.js';
import { semver } from './semver.js';

// SemVer 2.0.0 section 11 examples, plus node-semver's leading "v" and limits.
const TABLE = [
  '1.0.0-alpha < 1.0.0-alpha.1',
  '1.0.0-alpha.1 < 1.0.0-alpha.beta',
  '1.0.0-alpha.beta < 1.0.0-beta',
  '1.0.0-beta < 1.0.0-beta.2',
  '1.0.0-beta.2 < 1.0.0-beta.11',
  '1.0.0-beta.11 < 1.0.0-rc.1',
  '1.0.0-rc.1 < 1.0.0',
  '1.0.0 = 1.0.0+build.7', // build metadata has no precedence
  'v1.2.3 = 1.2.3',
  '2.0.0 > 1.99.99',
  '! 1.0',
  '! 01.0.0',
  '! 1.0.0-01',
  '! 9007199254740992.0.0',
];

test('semver: SemVer 2.0.0 precedence', () => {
  assert.deepEqual(checkVectors(semver, parseVectors(TABLE)).disagreements, []);
});

test('semver live: node-semver agrees on every vector line and every table line', (t) => {
  const file = readVectors(join(import.meta.dirname, 'testdata/semver-versions.txt'));
  const table = parseVectors(TABLE);
  for (const { a, b } of [...file.pairs, ...table.pairs]) {
    const c = nodeSemver.compare(a, b);
    assert.equal(verdictOf(semver, a, b), c < 0 ? '<' : c > 0 ? '>' : '=', `${a} vs ${b}`);
  }
  for (const v of [...file.invalid, ...table.invalid]) {
    assert.equal(nodeSemver.valid(v), null, v);
    assert.equal(semver.parse(v).valid, false, v);
  }
  t.diagnostic(`${file.pairs.length + table.pairs.length} pairs checked live`);
});
