import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Analyzer } from '../../src/core/analyzer/types.js';
import { type GenerateSbomOptions, generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker, testRegistry } from '../../src/test-support/components.js';
import { dockerSaveTo, pushImage, writeOciLayout } from '../../src/test-support/registry-push.js';

// A second scan of the same image must analyze nothing: every layer is in the cache.
// A spy analyzer counts its calls; the image is a real two-layer `docker build`
// written out by the real tools each source reads (docker save, gzip, skopeo, tar,
// the test dockerd and registry).
const tag = 'bulwark-test/warm-rescan:latest';
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-warm-'));
  const context = join(work, 'context');
  await mkdir(context);
  await writeFile(join(context, 'one.pkg'), 'one');
  await writeFile(join(context, 'two.pkg'), 'two');
  await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY one.pkg /a/\nCOPY two.pkg /b/\n');
  await docker(['build', '--network', 'none', '-q', '-t', tag, context]);
});
after(() => rm(work, { recursive: true, force: true }));

function spy() {
  const calls: string[] = [];
  const analyzer: Analyzer = {
    name: 'test/spy',
    version: 1,
    wants: ({ path }) => path.endsWith('.pkg'),
    analyze: ({ path, content }) => {
      calls.push(path);
      return { packages: [{ type: 'npm', name: content.toString(), version: '1.0.0' }] };
    },
  };
  return { analyzer, calls };
}

async function scanTwice(ref: string, extra: GenerateSbomOptions = {}) {
  const cacheDir = await mkdtemp(join(work, 'cache-'));
  const first = spy();
  const cold = await generateSbom(ref, { ...extra, cacheDir, analyzers: [first.analyzer] });
  const second = spy();
  const cached: boolean[] = [];
  const warm = await generateSbom(ref, {
    ...extra,
    cacheDir,
    analyzers: [second.analyzer],
    onProgress: (e) => {
      if (e.kind === 'layer') cached.push(e.cached);
    },
  });
  assert.deepEqual(first.calls.sort(), ['a/one.pkg', 'b/two.pkg'], 'the cold scan reads each file once');
  assert.deepEqual(second.calls, [], 'the warm scan analyzes nothing');
  assert.deepEqual(cached, [true, true]);
  const names = (s: typeof cold) => s.packages.map((p) => `${p.name}@${p.location.layer?.index}`);
  assert.deepEqual(names(warm), ['one@0', 'two@1']);
  assert.deepEqual(names(warm), names(cold));
  return cacheDir;
}

/** The Engine's clock, in its own `docker events` notation (seconds since the epoch). */
async function engineTime(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  return String(Math.floor(Date.now() / 1000));
}

/** How many times the Engine saved the test image between two engine times. */
async function saveEvents(since: string, until: string): Promise<number> {
  const out = await docker([
    'events',
    '--since',
    since,
    '--until',
    until,
    '--filter',
    'type=image',
    '--filter',
    'event=save',
    '--format',
    '{{.Actor.ID}}',
  ]);
  // Only this image's saves: other test files may save their own images meanwhile.
  const id = (await docker(['image', 'inspect', '--format', '{{.Id}}', tag])).trim();
  return out.split('\n').filter((line) => line.trim() === id).length;
}

describe('a warm rescan analyzes no layer, through every source', () => {
  test('docker-archive, plain and gzip', async () => {
    const path = join(work, 'image.tar');
    await dockerSaveTo(tag, path);
    await scanTwice(`docker-archive:${path}`);
    execFileSync('gzip', ['-k', '-1', path]);
    await scanTwice(`docker-archive:${path}.gz`);
  });

  test('oci layout directory, oci-archive plain and gzip', async () => {
    const dir = join(work, 'oci');
    await writeOciLayout(tag, dir, 'latest');
    await scanTwice(`oci:${dir}`);
    const archive = join(work, 'image-oci.tar');
    execFileSync('tar', ['-cf', archive, '-C', dir, '.']);
    await scanTwice(`oci-archive:${archive}`);
    execFileSync('gzip', ['-k', '-1', archive]);
    await scanTwice(`oci-archive:${archive}.gz`);

    // Layers cached by a scan of the layout directory are known in the compressed
    // archive too, by their blob names, before its index is read.
    const cacheDir = await mkdtemp(join(work, 'cache-'));
    await generateSbom(`oci:${dir}`, { cacheDir, analyzers: [spy().analyzer] });
    const later = spy();
    await generateSbom(`oci-archive:${archive}.gz`, { cacheDir, analyzers: [later.analyzer] });
    assert.deepEqual(later.calls, []);
  });

  test('the Docker Engine, without even a `docker save` the second time', async () => {
    const options = { docker: { host: testDocker().host } };
    const since = await engineTime();
    const cacheDir = await scanTwice(`docker:${tag}`, options);
    assert.equal(
      await saveEvents(since, await engineTime()),
      1,
      'the cold scan saved the image, the warm one did not',
    );

    // A cache entry gone bad: the layer must be read after all, so the image is saved then.
    for (const entry of await readdir(join(cacheDir, 'layers'))) {
      await writeFile(join(cacheDir, 'layers', entry), 'garbage');
    }
    const again = spy();
    const sbom = await generateSbom(`docker:${tag}`, { ...options, cacheDir, analyzers: [again.analyzer] });
    assert.deepEqual(again.calls.sort(), ['a/one.pkg', 'b/two.pkg']);
    assert.deepEqual(
      sbom.packages.map((p) => p.name),
      ['one', 'two'],
    );
  });

  test('the registry', async () => {
    const registry = testRegistry();
    const pushed = await pushImage(tag, 'e2e/warm-rescan:latest');
    await scanTwice(`registry:${pushed.ref}`, {
      registry: { username: registry.username, password: registry.password },
    });
  });
});
