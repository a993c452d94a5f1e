import assert from 'node:assert/strict';
import { it } from 'node:test';
import { inInactiveWindow, insideWindow } from './inactive-window.js';
import { reactionTo } from './triggers.js';
import { WorkQueue } from './work-queue.js';

it('maps each Docker event to the reference reaction', () => {
  const table: [string, string, string][] = [
    ['image', 'load', 'image'],
    ['image', 'pull', 'image'],
    ['image', 'import', 'image'],
    ['image', 'tag', 'none'],
    ['image', 'untag', 'none'],
    ['image', 'delete', 'none'],
    ['container', 'create', 'container'],
    ['container', 'start', 'container'],
    ['container', 'unpause', 'container'],
    ['container', 'exec_start: sh -c true', 'none'],
    ['container', 'kill', 'none'],
    ['container', 'die', 'none'],
    ['container', 'stop', 'none'],
    ['container', 'pause', 'none'],
    ['container', 'destroy', 'none'],
  ];
  for (const [type, action, scan] of table) {
    const r = reactionTo(type, action);
    assert.equal(r.scan, scan, `${type} ${action}`);
    assert.equal(r.report, true, `${type} ${action} reported`);
  }
  assert.equal(reactionTo('image', 'save').report, false, "the sensor's own scans are saves");
  assert.equal(reactionTo('network', 'connect').report, false);
});

it('inactive windows: weekdays 09:00-17:00 in their own zone, and windows across midnight', () => {
  const office = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/Paris' };
  // 2026-11-30 is a Monday; Paris is UTC+1 in winter.
  assert.equal(insideWindow(office, new Date('2026-11-30T08:30:00Z')), true);
  assert.equal(insideWindow(office, new Date('2026-11-30T07:30:00Z')), false);
  assert.equal(insideWindow(office, new Date('2026-11-30T16:00:00Z')), false);
  assert.equal(insideWindow(office, new Date('2026-11-29T10:00:00Z')), false, 'Sunday');
  const night = { days: [5], start: '22:00', end: '06:00', timeZone: 'UTC' };
  assert.equal(insideWindow(night, new Date('2026-12-04T23:00:00Z')), true, 'Friday night');
  assert.equal(
    insideWindow(night, new Date('2026-12-05T05:00:00Z')),
    true,
    'Saturday morning, window from Friday',
  );
  assert.equal(insideWindow(night, new Date('2026-12-06T05:00:00Z')), false, 'Sunday morning');
  assert.equal(inInactiveWindow([], new Date()), false);
});

it('work queue: CI/CD work runs first, a key is queued once, at most `concurrency` at once', async () => {
  const order: string[] = [];
  let running = 0;
  let peak = 0;
  const q = new WorkQueue(1, () => {});
  q.hold(true);
  const job = (key: string, priority: number) => ({
    key,
    priority,
    run: async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(key);
      await new Promise((r) => setImmediate(r));
      running--;
    },
  });
  q.add(job('inventory', 2));
  q.add(job('event', 1));
  q.add(job('event', 1));
  q.add(job('cicd', 0));
  q.hold(false);
  await q.idle();
  assert.deepEqual(order, ['cicd', 'event', 'inventory']);
  assert.equal(peak, 1);
});
