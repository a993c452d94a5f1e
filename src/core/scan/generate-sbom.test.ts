import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeLayer, writeDockerArchive } from '../../test-support/make-image.js';
import type { Analyzer } from '../analyzer/types.js';
import { isBulwarkError } from '../errors.js';
import { generateSbom } from './generate-sbom.js';

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-generate-'));
});
after(() => rm(work, { recursive: true, force: true }));

/** Counts every file it is shown, to prove how often each layer is read. */
function counter() {
  const seen: string[] = [];
  const analyzer: Analyzer = {
    name: 'test/counter',
    version: 1,
    wants: ({ path }) => path.endsWith('.pkg'),
    analyze: ({ path, content }) => {
      seen.push(path);
      return { packages: [{ type: 'npm', name: content.toString(), version: '1.0.0' }] };
    },
  };
  return { analyzer, seen };
}

test('a gzip archive is decompressed once and each layer read once, in the same pass', async () => {
  const layers = await Promise.all([
    makeLayer([{ name: 'a/one.pkg', content: 'one' }]),
    makeLayer([{ name: 'b/two.pkg', content: 'two' }]),
  ]);
  const path = join(work, 'image.tar.gz');
  await writeDockerArchive(path, layers, { gzip: true });
  const { analyzer, seen } = counter();
  const sbom = await generateSbom(`docker-archive:${path}`, {
    cacheDir: false,
    analyzers: [analyzer],
    // The manifest is the archive's last member: layers analyzed before "opened" were
    // analyzed during decompression, not read back from the temp file afterwards.
    onProgress: (event) => {
      if (event.kind === 'opened') seen.push('<opened>');
    },
  });
  assert.deepEqual(seen, ['a/one.pkg', 'b/two.pkg', '<opened>']);
  assert.deepEqual(
    sbom.packages.map((p) => [p.name, p.location.layer?.index]),
    [
      ['one', 0],
      ['two', 1],
    ],
  );
});

test('a plain archive reads each layer once too (by seeking, no decompression pass)', async () => {
  const layers = [await makeLayer([{ name: 'x.pkg', content: 'x' }])];
  const path = join(work, 'plain.tar');
  await writeDockerArchive(path, layers);
  const { analyzer, seen } = counter();
  await generateSbom(`docker-archive:${path}`, { cacheDir: false, analyzers: [analyzer] });
  assert.deepEqual(seen, ['x.pkg']);
});

test('a bad layer inside a gzip archive still fails with its own error', async () => {
  const layers = [await makeLayer([{ name: '../escape.pkg', content: 'x' }])];
  const path = join(work, 'bad.tar.gz');
  await writeDockerArchive(path, layers, { gzip: true });
  await assert.rejects(generateSbom(`docker-archive:${path}`, { cacheDir: false }), (err) =>
    isBulwarkError(err, 'LAYER_UNSAFE_PATH'),
  );
});

test('the layer cache serves a second scan without reading any layer', async () => {
  const layers = [await makeLayer([{ name: 'c.pkg', content: 'c' }])];
  const path = join(work, 'cached.tar');
  await writeDockerArchive(path, layers);
  const cacheDir = join(work, 'cache');
  const first = counter();
  await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [first.analyzer] });
  const second = counter();
  const sbom = await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [second.analyzer] });
  assert.deepEqual(first.seen, ['c.pkg']);
  assert.deepEqual(second.seen, [], 'served from the cache');
  assert.equal(sbom.packages[0]?.name, 'c');
});

test('a warm rescan of a gzip archive analyzes nothing, and a cold layer beside cached ones is read in the same pass', async () => {
  const shared = await makeLayer([{ name: 'base/shared.pkg', content: 'shared' }]);
  const path = join(work, 'warm.tar.gz');
  // Layers are made once: tar-stream stamps entries with the current time.
  const one = await makeLayer([{ name: 'app/one.pkg', content: 'one' }]);
  await writeDockerArchive(path, [shared, one], { gzip: true });
  const cacheDir = join(work, 'warm-cache');
  const first = counter();
  await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [first.analyzer] });
  const second = counter();
  const warm = await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [second.analyzer] });
  assert.deepEqual(first.seen, ['base/shared.pkg', 'app/one.pkg']);
  assert.deepEqual(second.seen, [], 'every layer came from the cache');
  assert.deepEqual(warm.packages.map((p) => p.name).sort(), ['one', 'shared']);

  // The same archive with one more layer: only that layer is analyzed, during decompression.
  const grown = join(work, 'grown.tar.gz');
  const extra = await makeLayer([{ name: 'app/two.pkg', content: 'two' }]);
  await writeDockerArchive(grown, [shared, one, extra], { gzip: true });
  const third = counter();
  await generateSbom(`docker-archive:${grown}`, {
    cacheDir,
    analyzers: [third.analyzer],
    onProgress: (event) => {
      if (event.kind === 'opened') third.seen.push('<opened>');
    },
  });
  assert.deepEqual(third.seen, ['app/two.pkg', '<opened>']);
});

test('a cache entry that is not a layer result is a miss: the layer is analyzed again, the scan goes on', async () => {
  const path = join(work, 'foreign.tar');
  await writeDockerArchive(path, [await makeLayer([{ name: 'f.pkg', content: 'f' }])]);
  const cacheDir = join(work, 'foreign-cache');
  await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [counter().analyzer] });
  const entries = (await readdir(join(cacheDir, 'layers'))).filter((f) => f.endsWith('.json'));
  assert.equal(entries.length, 1);
  for (const entry of entries) await writeFile(join(cacheDir, 'layers', entry), '{"hello":"world"}');
  const again = counter();
  const sbom = await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [again.analyzer] });
  assert.deepEqual(again.seen, ['f.pkg']);
  assert.equal(sbom.packages[0]?.name, 'f');
});

test('a changed file-size cap is part of the cache key: the cached result is not served', async () => {
  const path = join(work, 'capped.tar');
  await writeDockerArchive(path, [await makeLayer([{ name: 'big.pkg', content: 'x'.repeat(100) }])]);
  const cacheDir = join(work, 'capped-cache');
  const roomy = counter();
  await generateSbom(`docker-archive:${path}`, { cacheDir, analyzers: [roomy.analyzer] });
  const tight = counter();
  const sbom = await generateSbom(`docker-archive:${path}`, {
    cacheDir,
    analyzers: [{ ...tight.analyzer, maxFileSize: 10 }],
  });
  assert.deepEqual(sbom.packages, []);
  assert.match(sbom.unknowns[0]?.reason ?? '', /too large/);
});
