import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzers } from '../../src/core/analyzer/analyzers.js';
import type { Analyzer } from '../../src/core/analyzer/types.js';
import type { Sbom } from '../../src/core/sbom/model.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { testDocker, testRegistry } from '../../src/test-support/components.js';
import { debianRootfs, dpkgQuery, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { dockerSaveTo, pushImage, writeOciLayout } from '../../src/test-support/registry-push.js';

// One real Debian bookworm root filesystem (mmdebstrap, with jq and less), imported
// into the real test dockerd and read through every source. Every source must give
// the same package list, and that list must be what dpkg-query reads from the
// root filesystem's own database.
const tag = 'bulwark-test/debian:bookworm';
let work: string;
let truth: string[];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-e2e-'));
  const rootfs = await debianRootfs();
  truth = (await dpkgQuery(rootfs.tarPath)).map((r) => `${r.package} ${r.version} ${r.architecture}`).sort();
  await importDebianImage(tag);
});
after(() => rm(work, { recursive: true, force: true }));

function packageList(sbom: Sbom): string[] {
  return sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => `${p.name} ${p.version} ${p.arch}`)
    .sort();
}

function checkDebian(sbom: Sbom) {
  assert.ok(truth.length > 80, `expected a real package list, got ${truth.length}`);
  assert.deepEqual(packageList(sbom), truth);
  assert.equal(sbom.os?.family, 'debian');
  assert.equal(sbom.os?.version, '12');
  assert.ok(sbom.packages.every((p) => p.location.layer?.index === 0));
  assert.ok(sbom.packages.some((p) => p.name === 'jq' && p.purl?.startsWith('pkg:deb/debian/jq@')));
  const libc = sbom.packages.find((p) => p.name === 'libc6');
  assert.equal(libc?.source?.name, 'glibc');
}

const options = () => ({ cacheDir: false as const, docker: { host: testDocker().host } });

describe('the Debian image through every source', () => {
  test('docker-archive (docker save)', async () => {
    const path = join(work, 'debian.tar');
    await dockerSaveTo(tag, path);
    checkDebian(await generateSbom(`docker-archive:${path}`, options()));
    execFileSync('gzip', ['-k', '-1', path]);
    checkDebian(await generateSbom(`docker-archive:${path}.gz`, options()));
  });

  test('oci layout (skopeo) and oci-archive', async () => {
    const dir = join(work, 'oci');
    await writeOciLayout(tag, dir, 'bookworm');
    checkDebian(await generateSbom(`oci:${dir}:bookworm`, options()));
    const archive = join(work, 'debian-oci.tar');
    execFileSync('tar', ['-cf', archive, '-C', dir, '.']);
    checkDebian(await generateSbom(`oci-archive:${archive}`, options()));
  });

  test('the Docker Engine API, analyzing layers while `docker save` streams in', async () => {
    const order: string[] = [];
    const spy: Analyzer = {
      name: 'test/spy',
      version: 1,
      wants: ({ path }) => path === 'etc/debian_version',
      analyze: () => {
        order.push('analyzed');
        return {};
      },
    };
    const sbom = await generateSbom(`docker:${tag}`, {
      ...options(),
      analyzers: [...analyzers, spy],
      onProgress: (e) => {
        if (e.kind === 'opened') order.push('opened');
      },
    });
    checkDebian(sbom);
    assert.deepEqual(sbom.image.repoTags, [tag]);
    // The save stream ends with its manifest; analysis during the stream means one pass.
    assert.deepEqual(order, ['analyzed', 'opened']);
  });

  test('the authenticated registry, and a bare reference falling through to it', async () => {
    const registry = testRegistry();
    const pushed = await pushImage(tag, 'e2e/debian:bookworm');
    const creds = { username: registry.username, password: registry.password };
    const sbom = await generateSbom(`registry:${pushed.ref}`, { ...options(), registry: creds });
    checkDebian(sbom);
    assert.equal(sbom.image.manifestDigest, pushed.manifestDigest);
    // Not in the daemon under this name, so the bare reference must reach the registry.
    const bare = await generateSbom(pushed.ref, { ...options(), registry: creds });
    assert.equal(bare.image.kind, 'registry');
    assert.deepEqual(packageList(bare), truth);
  });

  test('the layer cache gives the same SBOM on a second scan', async () => {
    const cacheDir = join(work, 'cache');
    const first = await generateSbom(`docker:${tag}`, { ...options(), cacheDir });
    let cachedLayers = 0;
    const second = await generateSbom(`docker:${tag}`, {
      ...options(),
      cacheDir,
      onProgress: (e) => {
        if (e.kind === 'layer' && e.cached) cachedLayers += 1;
      },
    });
    assert.equal(cachedLayers, second.layers.length);
    assert.deepEqual(second, first);
  });
});
