import assert from 'node:assert/strict';
import { test } from 'node:test';
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
