import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { composerCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { composer, normalizeComposer } from './composer.js';

// composer/semver VersionParser::normalize and PHP's version_compare documentation
// (php.net/version_compare: "dev" < "alpha" = "a" < "beta" = "b" < "RC" = "rc" < "#" < "pl" = "p").
const TABLE = [
  '1.0.0-dev < 1.0.0-alpha1',
  '1.0.0-alpha < 1.0.0-alpha1',
  '1.0.0-alpha1 = 1.0.0-a1',
  '1.0.0-alpha2 < 1.0.0-beta1',
  '1.0.0-beta2 < 1.0.0-RC1',
  '1.0.0-rc1 = 1.0.0-RC1',
  '1.0.0-RC1 < 1.0.0',
  '1.0.0 < 1.0.0-patch1',
  '1.0.0-pl1 = 1.0.0-patch1',
  '1.0.0-p1 = 1.0.0-patch1',
  '1.0.0-patch1 < 1.0.1',
  'v1.0.0 = 1.0.0',
  '1.0 = 1.0.0.0',
  '1.0.0+build.5 = 1.0.0',
  '1.0.0-stable = 1.0.0',
  '2.0.0-beta.2 > 2.0.0-beta.1',
  '1.x-dev > 1.99.0',
  '1.x-dev < 2.0.0',
  '1.0.0-beta1-dev < 1.0.0-beta1',
  '! dev-master',
  '! master',
  '! foo',
  '! 1.0.0-foo',
];

test('composer: normalisation and version_compare order', () => {
  assert.deepEqual(checkVectors(composer, parseVectors(TABLE)).disagreements, []);
});

test('composer: normalize matches VersionParser output', () => {
  const cases: [string, string | undefined][] = [
    ['1.0.0', '1.0.0.0'],
    ['v2.3', '2.3.0.0'],
    ['1.0.0-beta.2', '1.0.0.0-beta2'],
    ['1.0.0RC1', '1.0.0.0-RC1'],
    ['1.0.0-pl3', '1.0.0.0-patch3'],
    ['1.0.0-dev', '1.0.0.0-dev'],
    ['2010-01-02', '2010.01.02'],
    ['1.x-dev', '1.9999999.9999999.9999999-dev'],
    ['dev-main', undefined],
  ];
  for (const [raw, want] of cases) assert.equal(normalizeComposer(raw), want, raw);
});

test('composer live: composer/semver still agrees with the committed vectors and the table', () => {
  const file = readVectors(join(import.meta.dirname, 'testdata/composer-versions.txt'));
  const table = parseVectors(TABLE);
  const sample = [...spread(file, 300), ...table.pairs];
  const truth = composerCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  const invalid = [...file.invalid, ...table.invalid];
  assert.deepEqual(
    composerCompare(invalid.map((v) => [v, '1'] as const)),
    invalid.map(() => '!'),
  );
});
