import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { packagingCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { pep440 } from './pep440.js';

// PEP 440 "Summary of permitted suffixes and relative ordering" and packaging's normalisation.
const TABLE = [
  '1.0.dev1 < 1.0a1.dev1',
  '1.0a1.dev1 < 1.0a1',
  '1.0a1 < 1.0a1.post1',
  '1.0a1.post1 < 1.0b1',
  '1.0b1 < 1.0rc1',
  '1.0rc1 < 1.0',
  '1.0 < 1.0.post1.dev1',
  '1.0.post1.dev1 < 1.0.post1',
  '1.0.post1 < 1.0.1',
  '1.0 = 1.0.0', // trailing zeros
  '1.0 = v1.0',
  '1.0alpha1 = 1.0a1',
  '1.0c1 = 1.0rc1',
  '1.0preview2 = 1.0rc2',
  '1.0-1 = 1.0.post1',
  '1.0r1 = 1.0.post1',
  '1.0a = 1.0a0',
  '1!0.1 > 2.0', // epochs
  '1.0+local > 1.0',
  '1.0+abc < 1.0+1', // numeric local segments beat strings
  '1.0+1.a > 1.0+1',
  '1.0+ABC = 1.0+abc',
  '! latest',
  '! 1.0-SNAPSHOT',
  '! 1.0+',
];

test('pep440: ordering and normalisation', () => {
  assert.deepEqual(checkVectors(pep440, parseVectors(TABLE)).disagreements, []);
});

test('pep440 live: packaging still agrees with the committed vectors', () => {
  const file = readVectors(join(import.meta.dirname, 'testdata/pep440-versions.txt'));
  const sample = spread(file, 200);
  const truth = packagingCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  const invalid = packagingCompare(file.invalid.map((v) => [v, '1.0'] as const));
  assert.ok(file.invalid.length > 0);
  invalid.forEach((r, i) => {
    assert.equal(r, '!', `${file.invalid[i]} should be invalid for packaging`);
  });
});
