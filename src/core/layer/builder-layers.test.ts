import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { type EntrySpec, makeLayer, sha256 } from '../../test-support/make-image.js';
import type { Analyzer } from '../analyzer/types.js';
import { isBulwarkError } from '../errors.js';
import { walkLayer } from './walk-layer.js';

// What real image builders write into layer tars, and what the walker makes of it.
// Most streams are written by GNU tar itself (with --transform to spell names the
// way a given builder does); the few GNU tar cannot write are built with tar-stream.
//   docker/buildkit: `etc/hostname` · GNU tar / buildah / skopeo: `./`, `./etc/` ·
//   kaniko: a `/` entry for the root · ko: absolute names (`/ko-app/…`) ·
//   jib, nix: reproducible (epoch mtimes, numeric owners, sorted), nix with absolute
//   symlinks into /nix/store · buildkit: PAX xattr records · PAX / GNU long names · hard links
//   to earlier entries · a path written twice (GNU tar --append).
let work: string;
let root: string;
const long = `opt/${'deep-directory-name/'.repeat(8)}etc/config`;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-builders-'));
  root = join(work, 'root');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, long, '..'), { recursive: true });
  await writeFile(join(root, 'etc/hostname'), 'box');
  await link(join(root, 'etc/hostname'), join(root, 'etc/hard'));
  await writeFile(join(root, long), 'deep');
  await symlink('/nix/store/abc-hello/etc/os-release', join(root, 'etc/os-release'));
});
after(() => rm(work, { recursive: true, force: true }));

/** Shows what it was handed: path → content. */
const recorder: Analyzer = {
  name: 'test/recorder',
  version: 1,
  wants: ({ path }) => path.startsWith('etc/') || path.endsWith('/config'),
  analyze: ({ path, content }) => ({
    packages: [{ type: 'generic', name: path, version: content.toString() }],
  }),
};

async function gnuTar(name: string, args: string[]): Promise<Buffer> {
  const out = join(work, `${name}.tar`);
  execFileSync('tar', ['-cf', out, '-C', root, ...args]);
  return readFile(out);
}

async function walk(bytes: Buffer) {
  const result = await walkLayer(Readable.from([bytes]), {
    analyzers: [recorder],
    diffID: sha256(bytes),
    tempDir: work,
  });
  // Pairs, not an object: a path analyzed twice must show up twice.
  const pairs = result.results.flatMap((r) => (r.result.packages ?? []).map((p) => [p.name, p.version]));
  return { files: pairs.sort(), symlinks: result.symlinks };
}

const files = (map: Record<string, string>) => Object.entries(map).sort();
const everything = files({ 'etc/hostname': 'box', 'etc/hard': 'box', [long]: 'deep' });

describe('layers as real builders write them are accepted', () => {
  const cases: { builder: string; tar: () => Promise<Buffer> }[] = [
    { builder: 'GNU tar, buildah, skopeo: ./ and ./etc/', tar: () => gnuTar('dot', ['.']) },
    {
      builder: 'docker, buildkit: bare names',
      tar: () => gnuTar('bare', ['--transform', 's,^\\./,,', '.']),
    },
    {
      builder: 'kaniko: an entry named / for the root',
      tar: () => gnuTar('kaniko', ['-P', '--transform', 's,^\\.$,/,;s,^\\./,,', '.']),
    },
    {
      builder: 'ko: absolute names',
      tar: () => gnuTar('ko', ['-P', '--transform', 's,^\\.$,/,;s,^\\./,/,', '.']),
    },
    { builder: 'PAX long names', tar: () => gnuTar('pax', ['--format=pax', '.']) },
    { builder: 'GNU long names', tar: () => gnuTar('gnu', ['--format=gnu', '.']) },
    {
      builder: 'buildkit: PAX records besides path (xattrs) and a global header',
      tar: () =>
        gnuTar('pax-records', ['--format=pax', '--pax-option=comment=global,SCHILY.xattr.user.test:=x', '.']),
    },
    {
      builder: 'jib, nix: every parent directory listed, epoch timestamps, numeric owners',
      tar: () =>
        gnuTar('repro', ['--sort=name', '--mtime=@1', '--owner=0', '--group=0', '--numeric-owner', '.']),
    },
    {
      builder: 'an absolute name that climbs at the root stays at the root (/../etc)',
      tar: () => gnuTar('rooted-dots', ['-P', '--transform', 's,^\\./,/../,', '.']),
    },
  ];
  for (const { builder, tar } of cases) {
    test(builder, async () => {
      const { files: found, symlinks } = await walk(await tar());
      assert.deepEqual(found, everything);
      assert.deepEqual(symlinks, { 'etc/os-release': '/nix/store/abc-hello/etc/os-release' });
    });
  }

  test('a path written twice (GNU tar --append): the last entry is the file, analyzed once', async () => {
    const out = join(work, 'twice.tar');
    const dir = join(work, 'twice');
    await mkdir(dir);
    await writeFile(join(dir, 'hostname'), 'old');
    execFileSync('tar', ['-cf', out, '-C', dir, '--transform', 's,^,etc/,', 'hostname']);
    await writeFile(join(dir, 'hostname'), 'new');
    execFileSync('tar', ['-rf', out, '-C', dir, '--transform', 's,^,etc/,', 'hostname']);
    assert.deepEqual((await walk(await readFile(out))).files, files({ 'etc/hostname': 'new' }));
  });

  test('a file then a symlink at the same path, and a symlink then a file', async () => {
    const layer = await makeLayer([
      { name: 'etc/a', content: 'file' },
      { name: 'etc/a', type: 'symlink', linkname: 'b' },
      { name: 'etc/c', type: 'symlink', linkname: 'd' },
      { name: 'etc/c', content: 'file' },
    ]);
    const { files: found, symlinks } = await walk(layer);
    assert.deepEqual(found, files({ 'etc/c': 'file' }));
    assert.deepEqual(symlinks, { 'etc/a': 'b' });
  });

  test('hard links with absolute or ./ link names reach the earlier entry', async () => {
    const layer = await makeLayer([
      { name: '/', type: 'directory' },
      { name: 'etc/hostname', content: 'box' },
      { name: 'etc/abs', type: 'link', linkname: '/etc/hostname' },
      { name: './etc/dot', type: 'link', linkname: './etc/hostname' },
    ]);
    assert.deepEqual(
      (await walk(layer)).files,
      files({ 'etc/hostname': 'box', 'etc/abs': 'box', 'etc/dot': 'box' }),
    );
  });
});

describe('names that escape the root are refused', () => {
  const cases: { what: string; entries: EntrySpec[] }[] = [
    { what: 'the root’s parent (..)', entries: [{ name: '..', type: 'directory' }] },
    { what: 'the root’s parent (./../)', entries: [{ name: './../', type: 'directory' }] },
    { what: 'a file above the root', entries: [{ name: '../etc/passwd', content: 'x' }] },
    { what: 'a name that climbs out', entries: [{ name: 'etc/../../x', content: 'x' }] },
    {
      what: 'a hard link to a file above the root',
      entries: [{ name: 'etc/shadow', type: 'link', linkname: '../../etc/shadow' }],
    },
  ];
  for (const { what, entries } of cases) {
    test(what, async () => {
      await assert.rejects(walk(await makeLayer(entries)), (err) => isBulwarkError(err, 'LAYER_UNSAFE_PATH'));
    });
  }

  test('GNU tar writing ../ for the root', async () => {
    const bytes = await gnuTar('parent', ['-P', '--transform', 's,^\\.$,..,', '.']);
    await assert.rejects(walk(bytes), (err) => isBulwarkError(err, 'LAYER_UNSAFE_PATH'));
  });
});
