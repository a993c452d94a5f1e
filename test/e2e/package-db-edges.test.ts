import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isBulwarkError } from '../../src/core/errors.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker } from '../../src/test-support/components.js';

// Package databases as other tools write them, in images the real dockerd builds
// (`FROM scratch` + the files, `--network none`):
// - an apk database whose last record has no final newline: complete, every record read;
// - a dpkg status with a paragraph without `Status:` (not installed, as dpkg-query says)
//   and one with a version dpkg calls bad syntax (an unknown, never a silent package).

const repo = new URL('../../', import.meta.url).pathname;
const apkFixture = join(repo, 'src/core/analyzer/pkg/apk/testdata/alpine-3.20.installed');
const alpineTag = 'bulwark-test/apk-no-final-newline:latest';
const debianTag = 'bulwark-test/dpkg-status-edges:latest';

const dpkgStatus = [
  ['ok', '1.0-1', 'install ok installed'],
  ['nostatus', '2.0-1', undefined],
  ['badversion', '1:5.#', 'install ok installed'],
]
  .map(([name, version, status]) =>
    [
      `Package: ${name}`,
      ...(status ? [`Status: ${status}`] : []),
      'Architecture: amd64',
      `Version: ${version}`,
      'Maintainer: x <x@example.com>',
      'Description: x',
      '',
    ].join('\n'),
  )
  .join('\n');

let work: string;

async function build(tag: string, files: Record<string, string>): Promise<void> {
  const ctx = await mkdtemp(join(work, 'ctx-'));
  await writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\n');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(ctx, 'rootfs', path, '..'), { recursive: true });
    await writeFile(join(ctx, 'rootfs', path), content);
  }
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
}

const scan = (tag: string, allowPartial = false) =>
  generateSbom(`docker:${tag}`, { cacheDir: false, allowPartial, docker: { host: testDocker().host } });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-db-edges-'));
  const apk = (await readFile(apkFixture, 'utf8')).replace(/\n+$/, '');
  assert.ok(!apk.endsWith('\n'));
  await build(alpineTag, {
    'etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
    'lib/apk/db/installed': apk,
  });
  await build(debianTag, {
    'etc/os-release':
      'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    'var/lib/dpkg/status': dpkgStatus,
  });
});
after(() => rm(work, { recursive: true, force: true }));

test('apk: a database whose last record has no final newline is read whole', async () => {
  const text = await readFile(apkFixture, 'utf8');
  const records = [...text.matchAll(/^P:(.+)$/gm)].map((m) => m[1]).sort();
  assert.equal(records.length, 5);
  const sbom = await scan(alpineTag);
  assert.deepEqual(
    sbom.packages
      .filter((p) => p.type === 'apk')
      .map((p) => p.name)
      .sort(),
    records,
  );
  assert.deepEqual(sbom.unknowns, []);
});

test('dpkg: no Status means not installed; a bad-syntax version is an unknown that fails a strict scan', async () => {
  // Truth: dpkg-query over the same status file.
  const dir = join(work, 'admindir');
  await mkdir(join(dir, 'info'), { recursive: true });
  await mkdir(join(dir, 'updates'), { recursive: true });
  await writeFile(join(dir, 'status'), dpkgStatus);
  const installed = execFileSync(
    'dpkg-query',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} format syntax
    [`--admindir=${dir}`, '-W', '-f', '${db:Status-Status} ${Package}\n'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('installed '))
    .map((l) => l.slice('installed '.length))
    .sort();
  assert.deepEqual(installed, ['badversion', 'ok']);

  await assert.rejects(
    scan(debianTag),
    (err: unknown) => isBulwarkError(err, 'PACKAGE_DB_CORRUPT') && /1:5\.#/.test(String(err)),
  );
  const sbom = await scan(debianTag, true);
  assert.deepEqual(
    sbom.packages.map((p) => p.name),
    ['ok'],
  );
  assert.deepEqual(
    sbom.unknowns.map((u) => `${u.analyzer} ${u.path} ${u.reason}`),
    [
      "pkg/dpkg var/lib/dpkg/status package badversion: invalid version '1:5.#' (invalid character in version number)",
    ],
  );
});
