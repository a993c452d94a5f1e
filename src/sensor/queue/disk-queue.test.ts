import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { backoffDelay } from './deliverer.js';
import { DiskQueue } from './disk-queue.js';

it('keeps uploads in order across a reopen, with stable keys, and refuses past its bound with one log line', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bulwark-queue-')), 'queue');
  const full: number[] = [];
  const q = new DiskQueue(dir, 2, (depth) => full.push(depth));
  assert.equal(await q.push('events', { n: 1 }), true);
  assert.equal(await q.push('sbom', { n: 2 }), true);
  assert.equal(await q.push('events', { n: 3 }), false);
  assert.deepEqual(full, [2]);
  const first = await q.peek();
  // A new process over the same directory sees the same head with the same idempotency key.
  const reopened = new DiskQueue(dir, 2, () => {});
  const again = await reopened.peek();
  assert.deepEqual(again, first);
  await reopened.remove(again?.seq ?? -1);
  assert.deepEqual((await reopened.peek())?.body, { n: 2 });
  assert.equal(await reopened.push('events', { n: 4 }), true);
  await reopened.remove((await reopened.peek())?.seq ?? -1);
  assert.deepEqual((await reopened.peek())?.body, { n: 4 });
});

it('backoff grows exponentially, is capped and jittered below the ceiling', () => {
  assert.equal(
    backoffDelay(0, 100, 1000, () => 0.999),
    99,
  );
  assert.equal(
    backoffDelay(3, 100, 1000, () => 0.999),
    799,
  );
  assert.equal(
    backoffDelay(30, 100, 1000, () => 0.999),
    999,
  );
  assert.equal(
    backoffDelay(5, 100, 1000, () => 0),
    0,
  );
});
