import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cran } from './cran.js';
import { compareVersions } from './schemes.js';

// The committed vectors (testdata/cran-versions.txt) come from R itself; these are the
// spellings a text vector file cannot carry.
test('R refuses blanks around a version, and so do we', () => {
  for (const v of [' 1.2', '1.2 ', '', '\t1.0-1'])
    assert.equal(cran.parse(v).valid, false, JSON.stringify(v));
});

test('- and . are the same separator; trailing zero components are equal; numeric order', () => {
  assert.equal(compareVersions(cran, '1.2-3', '1.2.3'), 0);
  assert.equal(compareVersions(cran, '1.2', '1.2-0'), 0);
  assert.ok((compareVersions(cran, '1.9', '1.10') ?? 0) < 0);
  assert.ok((compareVersions(cran, '3.99-0.14', '3.99-0.9') ?? 0) > 0);
});
