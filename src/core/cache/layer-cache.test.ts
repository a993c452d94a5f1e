import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Analyzer } from '../analyzer/types.js';
import type { LayerResult } from '../layer/types.js';
import { fsLayerCache, layerCacheKey } from './layer-cache.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-cache-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const diffID = `sha256:${'a'.repeat(64)}`;
const analyzer: Analyzer = { name: 'test/a', version: 1, wants: () => false, analyze: () => ({}) };
const result: LayerResult = {
  diffID,
  whiteouts: ['etc/gone'],
  opaqueDirs: [],
  symlinks: { 'bin/sh': 'dash' },
  results: [
    { analyzer: 'test/a', path: 'x', result: { packages: [{ type: 'npm', name: 'x', version: '1' }] } },
  ],
};

test('the key changes with every input that changes a walk, and only with those', () => {
  const base = layerCacheKey(diffID, { analyzers: [analyzer] });
  assert.equal(layerCacheKey(diffID, { analyzers: [{ ...analyzer }] }), base);
  const variants = [
    layerCacheKey(`sha256:${'b'.repeat(64)}`, { analyzers: [analyzer] }),
    layerCacheKey(diffID, { analyzers: [{ ...analyzer, version: 2 }] }),
    layerCacheKey(diffID, { analyzers: [{ ...analyzer, maxFileSize: 10 }] }),
    layerCacheKey(diffID, { analyzers: [analyzer, { ...analyzer, name: 'test/b' }] }),
    layerCacheKey(diffID, {
      analyzers: [analyzer],
      limits: { maxLayerBytes: 1024, maxRatio: 200, ratioCheckAfter: 128 * 1024 ** 2 },
    }),
    layerCacheKey(diffID, {
      analyzers: [analyzer],
      limits: { maxLayerBytes: 32 * 1024 ** 3, maxRatio: 10, ratioCheckAfter: 128 * 1024 ** 2 },
    }),
  ];
  assert.equal(new Set([base, ...variants]).size, variants.length + 1);
});

test('an entry round-trips; corrupt, truncated, empty or foreign files are misses', async () => {
  const cache = fsLayerCache(dir);
  const key = layerCacheKey(diffID, { analyzers: [analyzer] });
  await cache.put(key, result);
  assert.deepEqual(await cache.get(key), result);
  const file = join(dir, 'layers', `${key}.json`);
  const other = layerCacheKey(diffID, { analyzers: [{ ...analyzer, version: 9 }] });
  const bad = {
    truncated: JSON.stringify({ key, result }).slice(0, 40),
    empty: '',
    binary: '\u0000\u0001\u00ff',
    'valid JSON, not an entry': '{"hello":1}',
    'an entry for another key': JSON.stringify({ key: other, result }),
    'an older, unwrapped entry': JSON.stringify(result),
    'results of the wrong shape': JSON.stringify({ key, result: { ...result, results: [{ analyzer: 1 }] } }),
    'packages without names': JSON.stringify({
      key,
      result: { ...result, results: [{ analyzer: 'a', path: 'x', result: { packages: [{ type: 'npm' }] } }] },
    }),
  };
  for (const [what, text] of Object.entries(bad)) {
    await writeFile(file, text);
    assert.equal(await cache.get(key), undefined, what);
  }
  assert.equal(await cache.get('0'.repeat(64)), undefined, 'missing');
});

test('member hints hold only diffIDs', async () => {
  const cache = fsLayerCache(dir);
  await cache.rememberMember('abc/layer.tar', diffID);
  assert.equal(await cache.recallMember('abc/layer.tar'), diffID);
  assert.equal(await cache.recallMember('other/layer.tar'), undefined);
  await cache.rememberMember('bad/layer.tar', '../../etc/passwd');
  assert.equal(await cache.recallMember('bad/layer.tar'), undefined);
});

test('blobs come back only when their bytes hash to the digest asked for', async () => {
  const cache = fsLayerCache(dir);
  const bytes = Buffer.from('{"rootfs":{"type":"layers","diff_ids":[]}}');
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  await cache.putBlob(digest, bytes);
  assert.deepEqual(await cache.getBlob(digest), bytes);
  await writeFile(join(dir, 'blobs', digest.slice(7)), 'tampered');
  assert.equal(await cache.getBlob(digest), undefined);
  await cache.putBlob(`sha256:${'c'.repeat(64)}`, bytes);
  assert.equal(
    await cache.getBlob(`sha256:${'c'.repeat(64)}`),
    undefined,
    'a blob under the wrong digest is not kept',
  );
  assert.equal(await cache.getBlob('../../etc/passwd'), undefined);
});
