import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createGzip, gzipSync } from 'node:zlib';
import { type EntrySpec, makeLayer, writeDockerArchive } from '../../src/test-support/make-image.js';
import { runCli } from '../../src/test-support/run-cli.js';

// Every bad input must end in one `error[CODE]: …` line, exit code 2, and leave
// nothing behind: the scan's temp dir (under TMPDIR) is removed, the working
// directory is untouched, and nothing appears outside them.
let root: string;
let work: string;
let temp: string;
let cache: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulwark-bad-input-'));
  work = join(root, 'work');
  temp = join(root, 'tmp');
  cache = join(root, 'cache');
  await Promise.all([mkdir(work), mkdir(temp), mkdir(cache)]);
});
after(() => rm(root, { recursive: true, force: true }));

async function sbom(ref: string) {
  const result = await runCli(['sbom', '--format', 'json', '--cache-dir', cache, ref], {
    cwd: work,
    env: { TMPDIR: temp },
  });
  assert.deepEqual(await readdir(temp), [], 'the private temp dir must be removed');
  return result;
}

function assertOneLineError(
  result: { code: number; stderr: string; stdout: string },
  code: string,
  text: RegExp,
) {
  assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${result.stderr}`);
  assert.match(lines[0] as string, new RegExp(`^error\\[${code}\\]: `));
  assert.match(lines[0] as string, text);
  assert.equal(result.stdout, '', 'no partial output');
}

async function archiveOf(name: string, layers: EntrySpec[][], opts: { gzip?: boolean } = {}) {
  const path = join(work, name);
  await writeDockerArchive(path, await Promise.all(layers.map(makeLayer)), opts);
  return path;
}

const debianBase: EntrySpec[] = [
  { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  { name: 'var/lib/dpkg/status', content: 'Package: jq\nStatus: install ok installed\nVersion: 1.6-2.1\n' },
];

describe('bulwark sbom on bad input', () => {
  test('a good archive works, plain and gzip (control case)', async () => {
    for (const gzip of [false, true]) {
      const path = await archiveOf(`good-${gzip}.tar`, [debianBase], { gzip });
      const result = await sbom(`docker-archive:${path}`);
      assert.equal(result.code, 0, result.stderr);
      const doc = JSON.parse(result.stdout);
      assert.deepEqual(
        doc.packages.map((p: { name: string }) => p.name),
        ['jq'],
      );
    }
  });

  test('a truncated archive', async () => {
    const path = await archiveOf('full.tar', [debianBase]);
    const bytes = await readFile(path);
    await writeFile(join(work, 'truncated.tar'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    assertOneLineError(
      await sbom(`docker-archive:${join(work, 'truncated.tar')}`),
      'ARCHIVE_CORRUPT',
      /truncated/,
    );
  });

  test('a corrupt gzip archive', async () => {
    const gz = gzipSync(await readFile(await archiveOf('for-gz.tar', [debianBase])));
    gz.fill(0x42, 40, 400);
    await writeFile(join(work, 'corrupt.tar.gz'), gz);
    assertOneLineError(
      await sbom(`docker-archive:${join(work, 'corrupt.tar.gz')}`),
      'ARCHIVE_CORRUPT',
      /corrupt/,
    );
  });

  test('a gzip bomb', async () => {
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => gzip.on('end', resolve));
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    for (let i = 0; i < 16; i++) gzip.write(zeros);
    gzip.end();
    await ended;
    await writeFile(join(work, 'bomb.tar.gz'), Buffer.concat(chunks));
    assertOneLineError(await sbom(`docker-archive:${join(work, 'bomb.tar.gz')}`), 'LAYER_TOO_LARGE', /bomb/);
  });

  test('a layer entry with ../ never writes outside', async () => {
    const path = await archiveOf('dotdot.tar', [
      [...debianBase, { name: '../../escaped.txt', content: 'x' }],
    ]);
    assertOneLineError(await sbom(`docker-archive:${path}`), 'LAYER_UNSAFE_PATH', /escapes the image root/);
    assert.equal(existsSync(join(root, 'escaped.txt')), false);
    assert.equal(existsSync(join(temp, '..', '..', 'escaped.txt')), false);
  });

  test('a layer entry with an absolute path is read inside the image root (as the Engine does), never on the host', async () => {
    const path = await archiveOf('abs.tar', [
      [...debianBase, { name: '/tmp/bulwark-absolute-escape', content: 'x' }],
    ]);
    const result = await sbom(`docker-archive:${path}`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync('/tmp/bulwark-absolute-escape'), false);
  });

  test('a symlink pointing outside the image is resolved inside it, never on the host', async () => {
    // The host has a real /usr/lib/os-release (Debian); the image's link must not reach it.
    const path = await archiveOf('escape-link.tar', [
      [
        { name: 'etc/os-release', type: 'symlink', linkname: '../../../../../../usr/lib/os-release' },
        {
          name: 'var/lib/dpkg/status',
          content: 'Package: jq\nStatus: install ok installed\nVersion: 1.6-2.1\n',
        },
      ],
    ]);
    const result = await sbom(`docker-archive:${path}`);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.os, undefined, 'the OS must not be read from the host');
  });

  test('a symlink loop', async () => {
    const path = await archiveOf('loop.tar', [
      [
        { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        { name: 'usr/lib/os-release', type: 'symlink', linkname: '/etc/os-release' },
      ],
    ]);
    assertOneLineError(await sbom(`docker-archive:${path}`), 'SYMLINK_LOOP', /symlink loop/);
  });

  test('a malformed dpkg status file', async () => {
    const path = await archiveOf('bad-status.tar', [
      [
        { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
        {
          name: 'var/lib/dpkg/status',
          content: 'Package: jq\nStatus: install ok installed\n\nPackage: less\n',
        },
      ],
    ]);
    assertOneLineError(await sbom(`docker-archive:${path}`), 'PACKAGE_DB_CORRUPT', /var\/lib\/dpkg\/status/);
    const partial = await runCli(
      ['sbom', '--allow-partial', '--format', 'json', '--no-cache', `docker-archive:${path}`],
      {
        cwd: work,
        env: { TMPDIR: temp },
      },
    );
    assert.equal(partial.code, 0);
    assert.match(partial.stderr, /^warning: var\/lib\/dpkg\/status: paragraph 1: missing Version field/m);
  });

  test('not an archive at all, and a missing file', async () => {
    await writeFile(join(work, 'text.tar'), 'hello, this is not a tar file at all '.repeat(40));
    assertOneLineError(
      await sbom(`docker-archive:${join(work, 'text.tar')}`),
      'ARCHIVE_CORRUPT',
      /not a tar/,
    );
    assertOneLineError(
      await sbom(`docker-archive:${join(work, 'missing.tar')}`),
      'IMAGE_NOT_FOUND',
      /no such file/,
    );
  });

  test('the working directory holds only what the tests put there', async () => {
    const names = (await readdir(work)).filter((n) => !n.endsWith('.tar') && !n.endsWith('.tar.gz'));
    assert.deepEqual(names, []);
  });
});
