import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { LayerChannel } from './layer-channel.js';

test('members arrive in order; taken ones carry their bytes, skipped ones are dropped', async () => {
  const channel = new LayerChannel();
  const consumed = (async () => {
    const seen: string[] = [];
    for await (const layer of channel) {
      if (layer.member.endsWith('keep/layer.tar')) seen.push(`${layer.member}=${await text(layer.take())}`);
      else {
        layer.skip();
        seen.push(`${layer.member} skipped (${layer.digest ?? 'no digest'})`);
      }
    }
    return seen;
  })();
  const kept = channel.offer('keep/layer.tar');
  kept.end('bytes');
  const blob = `blobs/sha256/${'a'.repeat(64)}`;
  const skipped = channel.offer(blob);
  skipped.write('ignored');
  channel.close();
  assert.deepEqual(await consumed, ['keep/layer.tar=bytes', `${blob} skipped (sha256:${'a'.repeat(64)})`]);
  assert.ok(skipped.destroyed, 'the source sees the skip and stops writing');
});

test('a caller that stops listening leaves no member waiting', async () => {
  const channel = new LayerChannel();
  const first = channel.offer('one/layer.tar');
  const second = channel.offer('two/layer.tar');
  for await (const layer of channel) {
    layer.skip();
    break;
  }
  assert.ok(first.destroyed);
  assert.ok(second.destroyed, 'queued members are let go when the caller stops');
  assert.ok(channel.offer('three/layer.tar').destroyed, 'later members too');
});
