import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { gemCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { gem, isGemPrerelease } from './gem.js';

// Gem::Version docs (rubygems/version.rb): "1.0.a.2 < 1.0.b1 < 1.0", canonical segments,
// "-" read as ".pre.", a blank version is "0", correct? grammar.
const TABLE = [
  '1.0.a.2 < 1.0.b1',
  '1.0.b1 < 1.0',
  '1.0 = 1',
  '1.0.0 = 1',
  '1.a < 1', // a string segment sorts before a number (or a missing 0)
  '0.9.5 < 0.10.0',
  '1.0.0.rc1 < 1.0.0',
  '2.0.0.beta.2 > 2.0.0.beta.1',
  '2.0.0.beta10 > 2.0.0.beta9',
  '1.0.0.a < 1.0.0.alpha',
  '1.0-1 = 1.0.pre.1',
  '1.0.a1 = 1.0.a.1',
  ' = 0',
  '7.0.8.1 > 7.0.8',
  '! junk',
  '! 1..2',
  '! 1.0-',
];

test('gem: Gem::Version ordering', () => {
  assert.deepEqual(checkVectors(gem, parseVectors(TABLE)).disagreements, []);
  assert.equal(isGemPrerelease('1.0.0.rc1'), true);
  assert.equal(isGemPrerelease('1.0.0'), false);
});

test("gem live: Ruby's Gem::Version still agrees with the committed vectors and the table", () => {
  const file = readVectors(join(import.meta.dirname, 'testdata/gem-versions.txt'));
  const table = parseVectors(TABLE);
  const sample = [...spread(file, 300), ...table.pairs];
  const truth = gemCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  const invalid = [...file.invalid, ...table.invalid];
  assert.deepEqual(
    gemCompare(invalid.map((v) => [v, '1'] as const)),
    invalid.map(() => '!'),
  );
});
