import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { importAdvisories } from '../../src/core/advisory/import.js';
import type { Sbom } from '../../src/core/sbom/model.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker } from '../../src/test-support/components.js';
import { debianRootfs, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { runCli } from '../../src/test-support/run-cli.js';

// `dir:` and `rootfs:` run the image analyzers over a directory. The same content
// is scanned both ways — a checkout with lockfiles of several ecosystems, built into
// an image by the real dockerd, and the real mmdebstrap Debian root filesystem,
// unpacked by GNU tar and imported into the dockerd — and the package sets must be
// equal (layer fields aside: a directory has none).
const repo = new URL('../../', import.meta.url).pathname;
const testdata = (p: string) => join(repo, 'src/core/analyzer/lang', p);
const checkoutTag = 'bulwark-test/dir-checkout:latest';
const debianTag = 'bulwark-test/debian:bookworm';
let work: string;
let checkout: string;
let rootfs: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-dirs-'));
  checkout = join(work, 'checkout');
  const put = async (from: string, to: string) => {
    await mkdir(join(checkout, to, '..'), { recursive: true });
    await cp(testdata(from), join(checkout, to));
  };
  await put('npm/testdata/real/package.json', 'web/package.json');
  await put('npm/testdata/real/lock-v3/package-lock.json', 'web/package-lock.json');
  await put('python/testdata/poetry-2.lock', 'api/poetry.lock');
  await put('ruby/testdata/real/bundler-2.3.27/Gemfile.lock', 'billing/Gemfile.lock');
  await put('php/testdata/composer.lock', 'shop/composer.lock');
  await put('rust/testdata/v3-registry-git.Cargo.lock', 'engine/Cargo.lock');
  await put('dotnet/testdata/packages.lock.json', 'desktop/packages.lock.json');
  await put('golang/testdata/complex.go.mod', 'tools/go.mod');
  await writeFile(join(work, 'Dockerfile'), 'FROM scratch\nCOPY checkout /src/\n');
  await docker(['build', '--network', 'none', '-q', '-t', checkoutTag, work]);
  // Outside the checkout, reachable only through symlinks: must never be read.
  const outside = join(work, 'outside');
  await put('npm/testdata/real/lock-v1/package-lock.json', '../outside/package-lock.json');
  await symlink(outside, join(checkout, 'linked-dir'));
  await symlink(join(outside, 'package-lock.json'), join(checkout, 'web/linked-lock.json'));

  await importDebianImage(debianTag);
  rootfs = join(work, 'rootfs');
  await mkdir(rootfs);
  execFileSync('tar', ['-xf', (await debianRootfs()).tarPath, '-C', rootfs]);
});
after(() => rm(work, { recursive: true, force: true }));

/** The built CLI as user `nobody` (util-linux setpriv), with nothing else changed. */
async function runAsNobody(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(repo, 'bin/bulwark.js');
  const command = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args];
  try {
    const { stdout, stderr } = await promisify(execFile)('setpriv', command, {
      env: { ...process.env, NO_COLOR: '1', HOME: '/tmp' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** What must be equal: each package's identity, not where it was found. */
function packageSet(sbom: Sbom): string[] {
  return sbom.packages
    .map((p) => [p.type, p.name, p.version, p.arch ?? '', p.purl ?? '', p.source?.name ?? ''].join(' '))
    .sort();
}

const fromDaemon = { cacheDir: false as const, docker: { host: testDocker().host } };

describe('dir: and rootfs: give the packages an image of the same content gives', () => {
  test('a checkout with lockfiles of several ecosystems', async () => {
    const dir = await generateSbom(`dir:${checkout}`, { cacheDir: false });
    const image = await generateSbom(`docker:${checkoutTag}`, fromDaemon);
    const types = new Set(dir.packages.map((p) => p.type));
    for (const type of ['npm', 'pypi', 'gem', 'composer', 'cargo', 'nuget', 'golang'])
      assert.ok(types.has(type as never), `${type} packages found`);
    assert.deepEqual(packageSet(dir), packageSet(image));
    assert.equal(dir.image.kind, 'dir');
    assert.deepEqual(dir.layers, []);
    assert.ok(dir.packages.every((p) => p.location.layer === undefined));
    assert.ok(
      dir.packages.every(
        (p) => !p.location.path.startsWith('linked-dir') && !p.location.path.includes('linked-lock'),
      ),
      'nothing was read through a symlink that leaves the directory',
    );
  });

  test('an mmdebstrap root filesystem', async () => {
    const dir = await generateSbom(`rootfs:${rootfs}`, { cacheDir: false });
    const image = await generateSbom(`docker:${debianTag}`, fromDaemon);
    assert.ok(dir.packages.filter((p) => p.type === 'deb').length > 80);
    assert.deepEqual(packageSet(dir), packageSet(image));
    assert.deepEqual(dir.os, image.os);
    assert.equal(dir.image.kind, 'rootfs');
  });
});

describe('through the CLI', () => {
  test('bulwark sbom dir:PATH and bulwark scan dir:PATH', async () => {
    const sbom = await runCli(['sbom', '--format', 'json', `dir:${checkout}`]);
    assert.equal(sbom.code, 0, sbom.stderr);
    assert.ok((JSON.parse(sbom.stdout) as Sbom).packages.some((p) => p.name === 'accepts'));

    const osv = join(work, 'osv');
    await mkdir(osv);
    await writeFile(
      join(osv, 'GHSA-test-dir.json'),
      JSON.stringify({
        id: 'GHSA-test-dir',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'accepts' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '99.0.0' }] }],
          },
        ],
      }),
    );
    const db = join(work, 'vuln.db');
    await importAdvisories(db, [osv]);
    const scan = await runCli(['scan', `dir:${checkout}`, '--db', db, '-f', 'json']);
    assert.equal(scan.code, 0, scan.stderr);
    assert.match(scan.stdout, /GHSA-test-dir/);
  });

  test('a file the user cannot read is an unknown, and the scan goes on', async () => {
    const dir = join(work, 'unreadable');
    await cp(join(checkout, 'web'), dir, { recursive: true, dereference: false });
    await cp(testdata('php/testdata/composer.lock'), join(dir, 'composer.lock'));
    await chmod(join(dir, 'composer.lock'), 0o000);
    await mkdir(join(dir, 'secret'));
    await chmod(join(dir, 'secret'), 0o000);
    await chmod(work, 0o755);
    // As root every file is readable: run the CLI as nobody, as a user scanning a checkout would.
    const result = await runAsNobody(['sbom', '--format', 'json', '--no-cache', `dir:${dir}`]);
    assert.equal(result.code, 0, result.stderr);
    const sbom = JSON.parse(result.stdout) as Sbom;
    assert.ok(
      sbom.packages.some((p) => p.name === 'accepts'),
      'the readable lockfile is read',
    );
    assert.ok(!sbom.packages.some((p) => p.type === 'composer'));
    const unknowns = sbom.unknowns.map((u) => `${u.path}: ${u.reason}`);
    assert.ok(
      unknowns.some((u) => /^composer\.lock: not readable \(EACCES\)/.test(u)),
      unknowns.join('\n'),
    );
    assert.ok(
      unknowns.some((u) => /^secret: directory not readable \(EACCES\)/.test(u)),
      unknowns.join('\n'),
    );
    assert.match(result.stderr, /composer\.lock: not readable/);
  });
});
