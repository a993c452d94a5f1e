import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzerIdentities, loadAnalyzers } from './analyzer-identities.js';
import { analyzers } from './analyzers.js';
import { defaultMaxFileSize } from './types.js';

test('the identities the cache key is computed from are exactly the analyzers, in order', async () => {
  const own = (a: { name: string; version: number; maxFileSize?: number }) =>
    `${a.name}@${a.version}<${a.maxFileSize ?? defaultMaxFileSize}`;
  assert.deepEqual(analyzerIdentities.map(own), analyzers.map(own));
  assert.equal(await loadAnalyzers(), analyzers);
});
