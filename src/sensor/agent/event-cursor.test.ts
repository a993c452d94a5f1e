/** The event cursor: where a reconnect resumes, and replayed events recognised and dropped. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { occurredAt, parseEngineEvent } from './docker-assets.js';
import { EventCursor } from './event-cursor.js';

const ev = (timeNano: number, action: string, id = 'sha256:aa') => ({
  Type: 'image',
  Action: action,
  Actor: { ID: id },
  timeNano,
});

it('resumes a little before the last event and drops what it already delivered', () => {
  const c = new EventCursor();
  assert.equal(c.since(), undefined, 'first subscription: no replay');
  const t = 1_764_000_000_000_000_000;
  assert.equal(c.accept(ev(t, 'load')), true);
  assert.equal(c.accept(ev(t + 5_000_000, 'tag')), true);
  const since = c.since() ?? 0;
  assert.ok(since < (t + 5_000_000) / 1e9 && since > t / 1e9, 'just before the last event');
  // The replay after a reconnect: both again, then a new one.
  assert.equal(c.accept(ev(t, 'load')), false);
  assert.equal(c.accept(ev(t + 5_000_000, 'tag')), false);
  assert.equal(c.accept(ev(t + 5_000_000, 'tag', 'sha256:bb')), true, 'same time, another image');
  assert.equal(c.accept(ev(t + 9_000_000, 'load', 'sha256:cc')), true);
  assert.equal(c.accept(ev(t - 1_000_000_000, 'load', 'sha256:dd')), false, 'older than the replay window');
});

it('a live stream keeps an event stamped before the previous one (a busy daemon publishes late)', () => {
  const c = new EventCursor();
  const t = 1_764_000_000_000_000_000;
  assert.equal(c.accept(ev(t + 50_000_000, 'tag', 'sha256:ee')), true);
  assert.equal(c.accept(ev(t, 'load', 'sha256:ff')), true, 'stamped 50 ms earlier, published later');
  assert.equal(c.accept(ev(t, 'load', 'sha256:ff')), false, 'the same event twice');
});

it('against the real dockerd: a resumed stream replays what happened while away, and only that is new', {
  timeout: 120_000,
}, async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { connectDocker } = await import('../../core/source/docker/docker-client.js');
  const { testDocker } = await import('../../test-support/components.js');
  const { docker, labelledArchive, newScope } = await import('../../test-support/sensor-harness.js');
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-cursor-'));
  const scope = newScope();
  const { imageId } = await labelledArchive(join(dir, 'x.tar'), scope, 'cursor-pkg');
  const engine = (await connectDocker({ host: testDocker().host })).docker;
  const filters = { type: ['image' as const], label: [scope] };
  const read = async (opts: { since?: number; until: number }) => {
    const stream = (await engine.getEvents({ filters, ...opts })) as NodeJS.ReadableStream;
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            Action: string;
            Actor: { ID: string; Attributes: Record<string, string> };
            timeNano: number;
          },
      );
  };
  try {
    const start = Date.now() / 1000 - 1;
    await docker(['load', '-i', join(dir, 'x.tar')]);
    await docker(['tag', imageId, 'bulwark-cursor/first:1']);
    const cursor = new EventCursor();
    const seen = await read({ since: start, until: Date.now() / 1000 + 1 });
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['load', 'tag'],
    );
    for (const e of seen) assert.equal(cursor.accept({ Type: 'image', ...e }), true);
    // While "away": one more event.
    await docker(['tag', imageId, 'bulwark-cursor/second:1']);
    const replay = await read({ since: cursor.since() ?? 0, until: Date.now() / 1000 + 1 });
    assert.ok(replay.length >= 2, 'the engine replays from `since`, the last event included');
    const fresh = replay.filter((e) => cursor.accept({ Type: 'image', ...e }));
    assert.deepEqual(
      fresh.map((e) => `${e.Action} ${e.Actor.Attributes.name}`),
      ['tag bulwark-cursor/second:1'],
    );
  } finally {
    await docker(['rmi', '-f', imageId]).catch(() => '');
    await rm(dir, { recursive: true, force: true });
  }
});

it('a stream line of another shape is skipped or trimmed to its valid fields, never a throw in the handler', () => {
  for (const line of ['null', '42', '"image"', '[]', '{not json'])
    assert.equal(parseEngineEvent(line), undefined, line);
  const odd = parseEngineEvent(
    JSON.stringify({
      Type: 5,
      Action: 'load',
      Actor: { ID: 7, Attributes: { name: 1, 'bulwark.scope': 'x' } },
      timeNano: 'soon',
      time: 1_764_000_000,
    }),
  );
  assert.deepEqual(odd, {
    Action: 'load',
    time: 1_764_000_000,
    Actor: { Attributes: { 'bulwark.scope': 'x' } },
  });
  const c = new EventCursor();
  assert.equal(c.accept(odd ?? {}), true);
  assert.equal(occurredAt(odd ?? {}), 1_764_000_000_000);
  assert.deepEqual(parseEngineEvent('{"Actor":null}'), {});
});
