import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import { TarIndex } from './tar-index.js';

// Archives written by GNU tar itself, in each header format it knows, so the
// index is checked against the real tool's output rather than our own writer.
let work: string;
const longName = `${'deep/'.repeat(30)}manifest.json`; // 150+ characters: needs a long-name extension

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-tar-index-'));
  const src = join(work, 'src');
  await mkdir(join(src, 'deep/'.repeat(30)), { recursive: true });
  await writeFile(join(src, longName), '{"long":true}');
  await writeFile(join(src, 'small.txt'), 'hello');
  await writeFile(join(src, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 7, 1));
});
after(() => rm(work, { recursive: true, force: true }));

describe('TarIndex over archives GNU tar wrote', () => {
  for (const format of ['gnu', 'pax', 'ustar'] as const) {
    test(`${format} format`, async () => {
      const archive = join(work, `${format}.tar`);
      const members = format === 'ustar' ? ['small.txt', 'big.bin'] : ['small.txt', 'big.bin', longName];
      execFileSync('tar', [`--format=${format}`, '-cf', archive, '-C', join(work, 'src'), ...members]);
      const index = await TarIndex.build(archive);
      assert.equal((await index.read('small.txt')).toString(), 'hello');
      assert.equal((await index.read('./small.txt')).toString(), 'hello', 'leading ./ is ignored');
      let streamed = 0;
      for await (const chunk of index.stream('big.bin')) streamed += (chunk as Buffer).length;
      assert.equal(streamed, 3 * 1024 * 1024 + 7);
      if (format !== 'ustar') assert.equal((await index.read(longName)).toString(), '{"long":true}');
      await assert.rejects(index.read('missing'), (err) => isBulwarkError(err, 'ARCHIVE_CORRUPT'));
    });
  }

  test('a truncated archive is refused with the byte where it breaks', async () => {
    const archive = join(work, 'cut.tar');
    execFileSync('tar', ['-cf', archive, '-C', join(work, 'src'), 'small.txt', 'big.bin']);
    await truncate(archive, 1024 * 1024);
    await assert.rejects(
      TarIndex.build(archive),
      (err) => isBulwarkError(err, 'ARCHIVE_CORRUPT') && /truncated archive/.test(err.message),
    );
  });

  test('a file that is not a tar is refused', async () => {
    const path = join(work, 'not.tar');
    await writeFile(path, (await readFile(join(work, 'src', 'small.txt'))).toString().repeat(200));
    await assert.rejects(
      TarIndex.build(path),
      (err) => isBulwarkError(err, 'ARCHIVE_CORRUPT') && /not a tar archive/.test(err.message),
    );
  });
});
