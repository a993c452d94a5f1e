import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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

it('a queue file of another shape is set aside, not handed to the deliverer (it could neither send nor remove it)', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bulwark-queue-')), 'queue');
  const q = new DiskQueue(dir, 10, () => {});
  assert.equal(await q.push('events', { n: 1 }), true);
  assert.equal(await q.push('sbom', { n: 2 }), true);
  assert.equal(await q.push('events', { n: 3 }), true);
  assert.equal(await q.push('events', { n: 4 }), true);
  const file = (seq: number) => join(dir, `${String(seq).padStart(12, '0')}.json`);
  writeFileSync(file(1), 'null');
  writeFileSync(file(2), JSON.stringify({ seq: 2, kind: 'nonsense', key: 'k', body: {} }));
  writeFileSync(file(3), JSON.stringify({ seq: 99, kind: 'events', key: 'k', body: {} }));
  const reopened = new DiskQueue(dir, 10, () => {});
  const head = await reopened.peek();
  assert.equal(head?.seq, 4);
  assert.deepEqual(head?.body, { n: 4 });
  assert.equal(reopened.depth, 1);
  for (const seq of [1, 2, 3]) assert.ok(existsSync(join(dir, `${seq}.corrupt`)), `${seq} set aside`);
});
