import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CapturedFiles } from './captured-files.js';

test('keeps the most recent small files up to the total, dropping the oldest first', () => {
  const kept = new CapturedFiles(4, 10);
  kept.keep('big', Buffer.alloc(5));
  assert.equal(kept.get('big'), undefined, 'a file over the per-file cap is not kept');
  kept.keep('a', Buffer.from('aaaa'));
  kept.keep('b', Buffer.from('bbbb'));
  assert.equal(kept.get('a')?.toString(), 'aaaa');
  kept.keep('c', Buffer.from('cccc'));
  assert.equal(kept.get('a'), undefined, 'the oldest goes once the total passes the cap');
  assert.equal(kept.get('b')?.toString(), 'bbbb');
  assert.equal(kept.get('c')?.toString(), 'cccc');
  kept.delete('b');
  kept.keep('d', Buffer.from('dddd'));
  assert.equal(kept.get('c')?.toString(), 'cccc', 'a deleted file no longer counts towards the total');
  kept.keep('c', Buffer.from('CC'));
  assert.equal(kept.get('c')?.toString(), 'CC', 'a path kept again holds its latest content');
});
