import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeLayer, sha256 } from '../../test-support/make-image.js';
import type { Analyzer } from '../analyzer/types.js';
import { isBulwarkError } from '../errors.js';
import { walkLayer } from './walk-layer.js';

/** Records which files it was shown, so the tests see exactly what the walker handed out. */
const recorder: Analyzer = {
  name: 'test/recorder',
  version: 1,
  maxFileSize: 1024,
  wants: ({ path }) => path.startsWith('etc/'),
  analyze: ({ path, content }) => ({ unknowns: [{ path, reason: content.toString() }] }),
};

function walk(bytes: Buffer, diffID: string, digest?: string) {
  return walkLayer(Readable.from([bytes]), {
    analyzers: [recorder],
    diffID,
    ...(digest ? { digest } : {}),
    tempDir: '/nonexistent',
  });
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isBulwarkError(err), `expected a BulwarkError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes('\n'), 'error message must be one line');
    return true;
  });
}

const sample = await makeLayer([
  { name: './etc/', type: 'directory' },
  { name: './etc/hostname', content: 'box' },
  { name: './etc/big', content: 'x'.repeat(2000) },
  { name: './usr/bin/tool', content: 'ignored' },
  { name: './etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
  { name: './etc/hard', type: 'link', linkname: './etc/hostname' },
  { name: './var/.wh.cache', content: '' },
  { name: './opt/app/.wh..wh..opq', content: '' },
]);

describe('walkLayer', () => {
  test('hands analyzers only the files they want, and records links and whiteouts', async () => {
    const result = await walk(sample, sha256(sample));
    const seen = result.results.map((r) => [r.path, r.result.unknowns?.[0]?.reason]);
    assert.deepEqual(seen, [
      ['etc/big', 'file too large to analyze (2000 bytes)'],
      ['etc/hostname', 'box'],
      ['etc/hard', 'box'],
    ]);
    assert.deepEqual(result.symlinks, { 'etc/os-release': '../usr/lib/os-release' });
    assert.deepEqual(result.whiteouts, ['var/cache']);
    assert.deepEqual(result.opaqueDirs, ['opt/app']);
  });

  test('a magic-number analyzer is shown only files that start with its magic', async () => {
    const seen: string[] = [];
    const elfOnly: Analyzer = {
      name: 'test/elf',
      version: 1,
      wants: ({ mode }) => (mode & 0o111) !== 0,
      magic: () => [Buffer.from('\x7fELF', 'latin1')],
      analyze: ({ path, content }) => {
        seen.push(`${path}:${content.length}:${content.equals(elf)}`);
        return {};
      },
    };
    const elf = Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.alloc(300_000, 7)]);
    const layer = await makeLayer([
      { name: 'usr/bin/script', content: '#!/bin/sh\necho hi\n'.repeat(1000), mode: 0o755 },
      { name: 'usr/bin/tool', content: elf, mode: 0o755 },
      { name: 'usr/bin/tiny', content: 'x', mode: 0o755 },
      { name: 'usr/bin/empty', content: '', mode: 0o755 },
    ]);
    // Small chunks, so magic numbers and files straddle chunk boundaries.
    const chunks = Array.from({ length: Math.ceil(layer.length / 3) }, (_, i) =>
      layer.subarray(i * 3, i * 3 + 3),
    );
    const result = await walkLayer(Readable.from(chunks), {
      analyzers: [elfOnly],
      diffID: sha256(layer),
      tempDir: '/nonexistent',
    });
    assert.deepEqual(seen, [`usr/bin/tool:${elf.length}:true`]);
    assert.equal(result.results.length, 1);
  });

  test('reads gzip and zstd layers and checks both digests', async () => {
    const gz = gzipSync(sample);
    const viaGzip = await walk(gz, sha256(sample), sha256(gz));
    assert.equal(viaGzip.results.length, 3);
    const zstd = spawnSync('zstd', ['-q', '-c'], { input: sample });
    assert.equal(zstd.status, 0, 'zstd must be installed (scripts/provision.sh)');
    const viaZstd = await walk(zstd.stdout, sha256(sample), sha256(zstd.stdout));
    assert.deepEqual(viaZstd, viaGzip);
  });

  test('refuses a layer whose content does not match its diffID', async () => {
    await rejectsWith(walk(sample, `sha256:${'0'.repeat(64)}`), 'LAYER_DIGEST_MISMATCH', /diffID/);
  });

  test('refuses a blob whose compressed digest does not match the manifest', async () => {
    const gz = gzipSync(sample);
    await rejectsWith(
      walk(gz, sha256(sample), `sha256:${'1'.repeat(64)}`),
      'LAYER_DIGEST_MISMATCH',
      /manifest says/,
    );
  });

  test('a truncated tar is a clear error', async () => {
    await rejectsWith(
      walk(sample.subarray(0, 700), sha256(sample)),
      'LAYER_CORRUPT',
      /truncated|unexpected/i,
    );
  });

  test('corrupt gzip is a clear error', async () => {
    const gz = gzipSync(sample);
    const broken = Buffer.concat([gz.subarray(0, 20), Buffer.alloc(200, 0x55), gz.subarray(220)]);
    await rejectsWith(walk(broken, sha256(sample)), 'LAYER_CORRUPT', /layer sha256:/);
  });

  test('a gzip bomb is stopped early', async () => {
    // 1 GiB of zeros inside one tar entry compresses to about 1 MiB.
    const header = await makeLayer([{ name: 'etc/zero', content: Buffer.alloc(0) }]);
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const gzip = (await import('node:zlib')).createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => gzip.on('end', resolve));
    gzip.write(header.subarray(0, 512));
    for (let i = 0; i < 16; i++) gzip.write(zeros);
    gzip.end();
    await ended;
    const bomb = Buffer.concat(chunks);
    assert.ok(bomb.length < 2 * 1024 * 1024);
    await rejectsWith(walk(bomb, sha256(bomb)), 'LAYER_TOO_LARGE', /bomb/);
  });

  for (const [label, name] of [
    ['../ traversal', '../../etc/passwd'],
    ['a traversal hidden mid-path', 'usr/../../escape'],
  ] as const) {
    test(`refuses ${label} in an entry name`, async () => {
      const layer = await makeLayer([{ name, content: 'pwned' }]);
      await rejectsWith(walk(layer, sha256(layer)), 'LAYER_UNSAFE_PATH', /escapes the image root/);
    });
  }
});
