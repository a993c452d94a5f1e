import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVectors, parseVectors } from '../../test-support/vectors-harness.js';
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
