import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { spoolArchive } from './open-archive.js';

// A sensor's temp dir can vanish under a scan (storage wiped, test cleanup): the spool must
// fail that one scan with the file's error, not end the process with an uncaught 'error'.
test('spooling into a directory that no longer exists rejects with the file error instead of crashing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-spool-'));
  await rm(dir, { recursive: true });
  // A slow source, like `docker save`: the file's open fails while the spool waits for data.
  async function* slowly() {
    await new Promise((r) => setTimeout(r, 200));
    yield Buffer.alloc(512 * 40, 1);
  }
  const source = Readable.from(slowly());
  await assert.rejects(
    spoolArchive(source, join(dir, 'gone', 'image.tar'), { label: 'test archive', compression: 'none' }),
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
  );
});
