import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzers } from '../../src/core/analyzer/analyzers.js';
import type { Analyzer } from '../../src/core/analyzer/types.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker } from '../../src/test-support/components.js';
import { dpkgQueryInImage, importDebianImage } from '../../src/test-support/debian-rootfs.js';

// A real `docker build` on top of the Debian image: one layer copies in a .deb built
// here with dpkg-deb, the next purges `less` (its files become whiteouts and the
// status file is rewritten) and installs that .deb. The truth is dpkg-query run
// inside the built image by the real Engine.
const base = 'bulwark-test/debian:bookworm';
const tag = 'bulwark-test/multi-layer:latest';
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-build-'));
  await importDebianImage(base);
  const pkg = join(work, 'pkg');
  await mkdir(join(pkg, 'DEBIAN'), { recursive: true });
  await mkdir(join(pkg, 'usr/share/bulwark-hello'), { recursive: true });
  await writeFile(join(pkg, 'usr/share/bulwark-hello/hello.txt'), 'hello\n');
  await writeFile(
    join(pkg, 'DEBIAN/control'),
    'Package: bulwark-hello\nVersion: 1:2.0-3\nArchitecture: all\nMaintainer: Bulwark <dev@bulwark.invalid>\nSource: bulwark-greetings (2.0-3)\nDescription: test package\n',
  );
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', pkg, join(work, 'bulwark-hello.deb')], {
    stdio: 'ignore',
  });
  await writeFile(
    join(work, 'Dockerfile'),
    [
      `FROM ${base}`,
      'COPY bulwark-hello.deb /tmp/',
      'RUN dpkg --purge less && dpkg -i /tmp/bulwark-hello.deb && rm /tmp/bulwark-hello.deb',
      '',
    ].join('\n'),
  );
  await docker(['build', '--network', 'none', '-q', '-t', tag, work]);
});
after(() => rm(work, { recursive: true, force: true }));

test('the SBOM reflects the final filesystem and the layer each package came from', async () => {
  const sbom = await generateSbom(`docker:${tag}`, { cacheDir: false, docker: { host: testDocker().host } });
  const inside = await dpkgQueryInImage(tag);
  const ours = sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => `${p.name} ${p.version}`)
    .sort();
  assert.deepEqual(ours, inside);
  assert.equal(sbom.layers.length, 3);
  assert.ok(!ours.some((line) => line.startsWith('less ')), 'less was purged in layer 2');

  const hello = sbom.packages.find((p) => p.name === 'bulwark-hello');
  assert.equal(hello?.version, '1:2.0-3');
  assert.deepEqual(hello?.source, { name: 'bulwark-greetings', version: '2.0-3' });
  assert.equal(hello?.location.layer?.index, 2);
  assert.equal(hello?.location.layer?.diffID, sbom.layers[2]?.diffID);
  assert.match(sbom.layers[2]?.createdBy ?? '', /dpkg --purge less/);
  // Everything else stayed as the base layer installed it.
  const others = sbom.packages.filter((p) => p.type === 'deb' && p.name !== 'bulwark-hello');
  assert.ok(others.length > 80);
  assert.ok(
    others.every((p) => p.location.layer?.index === 0),
    'untouched packages keep layer 0',
  );
  const inspect = JSON.parse(await docker(['image', 'inspect', tag]));
  assert.deepEqual(
    sbom.layers.map((l) => l.diffID),
    inspect[0].RootFS.Layers,
  );
});

test('an image that shares its base layer with one scanned before costs only its own layers', async () => {
  // A spy for a file only the base layer has: it must not be read again.
  const baseFiles: string[] = [];
  const spy: Analyzer = {
    name: 'test/spy',
    version: 1,
    wants: ({ path }) => path === 'etc/debian_version',
    analyze: ({ path }) => {
      baseFiles.push(path);
      return {};
    },
  };
  const cacheDir = join(work, 'cache');
  const options = { cacheDir, docker: { host: testDocker().host }, analyzers: [...analyzers, spy] };
  await generateSbom(`docker:${base}`, options);
  assert.deepEqual(baseFiles, ['etc/debian_version']);
  const fresh: number[] = [];
  const cached: number[] = [];
  const sbom = await generateSbom(`docker:${tag}`, {
    ...options,
    onProgress: (e) => {
      if (e.kind === 'layer') (e.cached ? cached : fresh).push(e.index);
    },
  });
  assert.deepEqual(cached, [0], 'the Debian base layer comes from the cache');
  assert.deepEqual(fresh.sort(), [1, 2], 'only the two new layers are read');
  assert.deepEqual(baseFiles, ['etc/debian_version'], 'the base layer was not analyzed again');
  const uncached = await generateSbom(`docker:${tag}`, { ...options, cacheDir: false });
  assert.deepEqual(sbom, uncached, 'the cached scan gives the same SBOM');
});
