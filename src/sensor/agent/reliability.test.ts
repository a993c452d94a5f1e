/**
 * Reliability against the real test dockerd and a real `bulwark server`: a server outage
 * loses and duplicates nothing; a sensor SIGKILLed mid-scan scans again on restart; an
 * upload the server took but the sensor never heard back about is not stored twice;
 * inside an inactive window nothing reaches the server until the window is lifted.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../db/dialects.js';
import { TenantScope } from '../../db/tenant.js';
import { DEFAULT_SENSOR_CONFIG, saveSensorSettings } from '../../server/sensor/sensor-config.js';
import { testDocker } from '../../test-support/components.js';
import { importDebianImage } from '../../test-support/debian-rootfs.js';
import {
  docker,
  eventually,
  loadLabelled,
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { loadIdentity } from '../client/identity-store.js';
import { SensorClient } from '../client/sensor-client.js';
import { DiskQueue } from '../queue/disk-queue.js';
import { SensorAgent } from './sensor-agent.js';

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const count = (list: string[], item: string) => list.filter((x) => x === item).length;

describe('sensor reliability (real dockerd, real server)', { timeout: 600_000 }, () => {
  let server: SensorServer;
  let dir: string;
  const cleanup: string[][] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-rel-'));
    server = await startSensorServer();
  });

  after(async () => {
    for (const args of cleanup) await docker(args).catch(() => '');
    await server?.running?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const loadScoped = (scope: string, pkg: string) =>
    loadLabelled(join(dir, `${pkg}.tar`), scope, pkg, { loaded: (id) => cleanup.push(['rmi', '-f', id]) });

  it('server outage: events and scans made while it is down arrive once each after it returns', async () => {
    const scope = newScope();
    const agent = new SensorAgent(sensorTestOptions(server, join(dir, 'outage'), scope));
    await agent.start();
    try {
      await server.stop();
      const a = await loadScoped(scope, 'outage-a');
      const b = await loadScoped(scope, 'outage-b');
      // Two load events and two SBOMs wait on disk while the server is away.
      await eventually('uploads queued', async () => (agent.queue.depth >= 4 ? true : undefined));
      await agent.scansIdle();
      await server.start();
      await eventually('queue drained', async () => (agent.queue.depth === 0 ? true : undefined));
      const v = await server.view();
      for (const id of [a, b]) {
        assert.equal(count(v.events, `IMAGE load ${short(id)}`), 1);
        assert.equal(count(v.sboms, `IMAGE ${short(id)}`), 1);
      }
    } finally {
      await agent.stop();
    }
  });

  it('a delivery the server took but the sensor never confirmed is replayed without a duplicate', async () => {
    const storage = join(dir, 'replay');
    const scope = newScope();
    const agent = new SensorAgent(sensorTestOptions(server, storage, scope));
    await agent.start();
    await agent.stop();
    const id = loadIdentity(storage);
    const queue = new DiskQueue(join(storage, 'queue'), 10, () => {});
    const fake = `sha256:${'e'.repeat(64)}`;
    await queue.push('events', {
      schemaVersion: 1,
      events: [{ occurred: Date.now(), type: 'IMAGE', action: 'load', imageSha: fake }],
    });
    const item = await queue.peek();
    assert.ok(item);
    // The server stores it, but the "sensor" dies before removing the file.
    const client = new SensorClient({ serverUrl: server.url });
    client.credential = id.credential;
    await client.upload(item.kind, item.body, item.key);
    await client.close();
    const again = new SensorAgent(sensorTestOptions(server, storage, scope));
    await again.start();
    await eventually('replayed', async () => (again.queue.depth === 0 ? true : undefined));
    await again.stop();
    assert.equal(count((await server.view()).events, `IMAGE load ${short(fake)}`), 1);
  });

  it('inactive window: an event inside it produces nothing on the server until the window ends', async () => {
    const opened = openDatabase({ dataDir: server.dataDir });
    const scope = new TenantScope(opened.db, server.customerId);
    // start == end: the whole day, every day.
    await saveSensorSettings(
      scope,
      {
        ...DEFAULT_SENSOR_CONFIG,
        inactiveWindows: [{ start: '00:00', end: '00:00', timeZone: 'Europe/Paris' }],
      },
      null,
    );
    const labels = newScope();
    const agent = new SensorAgent(sensorTestOptions(server, join(dir, 'window'), labels));
    try {
      await agent.start();
      assert.equal(agent.isInactive, true);
      const id = await loadScoped(labels, 'window-pkg');
      await eventually('event recorded on disk', async () => (agent.queue.depth >= 1 ? true : undefined));
      // A few heartbeats later, still nothing: no scan ran, nothing was sent.
      const beats = readFileSync(join(dir, 'window/logs/sensor.log'), 'utf8').length;
      await eventually('time passes (log grows)', async () =>
        readFileSync(join(dir, 'window/logs/sensor.log'), 'utf8').length > beats ? true : undefined,
      );
      let v = await server.view();
      assert.equal(count(v.events, `IMAGE load ${short(id)}`), 0);
      assert.equal(count(v.sboms, `IMAGE ${short(id)}`), 0);
      assert.equal(agent.state.state.images[id], undefined, 'no scan inside the window');
      await saveSensorSettings(scope, DEFAULT_SENSOR_CONFIG, null);
      await eventually('data after the window', async () => {
        v = await server.view();
        return count(v.sboms, `IMAGE ${short(id)}`) === 1 && agent.queue.depth === 0 ? true : undefined;
      });
      assert.equal(count(v.events, `IMAGE load ${short(id)}`), 1);
    } finally {
      await agent.stop();
      await saveSensorSettings(scope, DEFAULT_SENSOR_CONFIG, null);
      await opened.close();
    }
  });

  it('a sensor SIGKILLed in the middle of a scan scans the image again on restart, and it arrives once', async () => {
    const debianId = (await importDebianImage('bulwark-test/sensor-debian:latest')).trim();
    const label = (
      await docker([
        'image',
        'inspect',
        '--format',
        '{{index .Config.Labels "bulwark.rootfs-sha256"}}',
        debianId,
      ])
    ).trim();
    const storage = join(dir, 'killed');
    const opts = sensorTestOptions(server, storage, `bulwark.rootfs-sha256=${label}`);
    const args = [
      '--import',
      'tsx',
      join(import.meta.dirname, '../../test-support/sensor-cli-entry.ts'),
      'sensor',
      '--activation-id',
      opts.activationId,
      '--customer-id',
      opts.customerId,
      '--storage',
      storage,
      '--server-url',
      server.url,
      '--docker-host',
      testDocker().host,
      '--label-scope',
      opts.labelScope as string,
      '--heartbeat-seconds',
      '1',
      '--silent',
    ];
    const log = () => {
      try {
        return readFileSync(join(storage, 'logs/sensor.log'), 'utf8');
      } catch {
        return '';
      }
    };
    let child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await eventually('scan started', async () =>
        log().includes(`scanning image ${debianId}`) ? true : undefined,
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      assert.ok(!log().includes(`scanned image ${short(debianId)}`), 'killed before the scan finished');
      child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      await eventually('scan redone and delivered', async () =>
        count((await server.view()).sboms, `IMAGE ${short(debianId)}`) === 1 ? true : undefined,
      );
      assert.equal(count((await server.view()).sboms, `IMAGE ${short(debianId)}`), 1);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
