import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataVersionCompare } from '../../test-support/reference-oracles.js';
import { readVectors, spread } from '../../test-support/vectors-harness.js';
import { pvp } from './pvp.js';
import { compareVersions, schemeForEcosystem } from './schemes.js';

// The committed vectors (testdata/pvp-versions.txt) come from Data.Version under Hugs;
// these are the rules that make Haskell differ from R and rpm, stated once more.
test('a prefix is smaller: 1.0 < 1.0.0 (R and rpm call them equal)', () => {
  assert.ok((compareVersions(pvp, '1.0', '1.0.0') ?? 0) < 0);
  assert.ok((compareVersions(pvp, '9.2.2', '9.10.1') ?? 0) < 0);
  assert.equal(compareVersions(pvp, '1.01', '1.1'), 0);
});

test('deprecated tags and blanks are invalid, so they never match a range', () => {
  for (const v of ['1.0-beta', ' 1.0', '1.0 ', ''])
    assert.equal(pvp.parse(v).valid, false, JSON.stringify(v));
});

test('Hackage and GHC records are ordered by this scheme; Kubernetes by Go, MinimOS by apk, Echo by deb', () => {
  assert.equal(schemeForEcosystem('Hackage')?.name, 'pvp');
  assert.equal(schemeForEcosystem('GHC')?.name, 'pvp');
  assert.equal(schemeForEcosystem('Kubernetes')?.name, 'go');
  assert.equal(schemeForEcosystem('MinimOS')?.name, 'apk');
  assert.equal(schemeForEcosystem('Echo')?.name, 'deb');
  assert.equal(schemeForEcosystem('openEuler:22.03-LTS-SP1')?.name, 'rpm');
  assert.equal(schemeForEcosystem('Mageia:9')?.name, 'rpm');
  assert.equal(schemeForEcosystem('Bioconductor')?.name, 'cran');
});

test('pvp live: Data.Version (Hugs) still agrees with the committed vectors and these rules', () => {
  const file = readVectors(join(import.meta.dirname, 'testdata/pvp-versions.txt'));
  const sample = [
    ...spread(file, 200),
    { a: '1.0', op: '<', b: '1.0.0' },
    { a: '9.2.2', op: '<', b: '9.10.1' },
    { a: '1.01', op: '=', b: '1.1' },
  ];
  const truth = dataVersionCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
  // Tagged and malformed versions: the tool refuses or we do (tags, by design); both say `!`.
  const invalid = [...file.invalid.filter((v) => v !== ''), '1.0-beta'];
  assert.deepEqual(
    dataVersionCompare(invalid.map((v) => [v, '1'] as const)),
    invalid.map(() => '!'),
  );
  for (const v of invalid) assert.equal(pvp.parse(v).valid, false, v);
});
