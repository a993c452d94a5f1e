/**
 * General mode against the real test dockerd and a real `bulwark server`: each Docker
 * action the reference lists produces exactly the expected events and scans on the
 * server, and the non-triggers produce no scan. Each step waits for its own events to
 * arrive and for the sensor's scan queue and upload queue to drain, then compares the
 * server's whole view with what is expected so far (so an extra scan anywhere fails).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importDebianImage } from '../../test-support/debian-rootfs.js';
import {
  docker,
  eventually,
  labelledArchive,
  loadLabelled,
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from './sensor-agent.js';

const DEBIAN = 'bulwark-test/sensor-debian:latest';

describe('general sensor triggers (real dockerd, real server)', { timeout: 600_000 }, () => {
  let server: SensorServer;
  let agent: SensorAgent;
  let dir: string;
  const scope = newScope();
  const [scopeKey, scopeValue] = scope.split('=') as [string, string];
  let debianId = '';
  const cleanup: string[][] = [];

  before(async () => {
    debianId = (await importDebianImage(DEBIAN)).trim();
    dir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-gen-'));
    server = await startSensorServer();
    agent = new SensorAgent(sensorTestOptions(server, join(dir, 'storage'), scope));
    await agent.start();
  });

  after(async () => {
    await agent?.stop();
    for (const args of cleanup) await docker(args).catch(() => '');
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

  /** Waits until the server's events about `sha` are exactly `expected` and the sensor is idle. */
  async function settled(sha: string, expected: string[]) {
    const mine = (events: string[]) => events.filter((e) => e.endsWith(short(sha)));
    await eventually(`events ${expected.join(', ')}`, async () => {
      const v = await server.view();
      return mine(v.events).length >= expected.length ? true : undefined;
    });
    await agent.scansIdle();
    await eventually('upload queue drained', async () => (agent.queue.depth === 0 ? true : undefined));
    const v = await server.view();
    assert.deepEqual(mine(v.events), expected);
    return v;
  }

  it('load scans the image and reports it; tag reports the alias without a rescan; rmi reports untag and delete', async () => {
    const archive = join(dir, 'load.tar');
    const { imageId } = await labelledArchive(
      archive,
      scope,
      'sensor-load-pkg',
      `bulwark-test/sensor-load-${scopeValue}:v0`,
    );
    cleanup.push(['rmi', '-f', imageId]);
    await docker(['load', '-i', archive]);
    const seen = ['load'].map((a) => `IMAGE ${a} ${short(imageId)}`);
    let v = await settled(imageId, seen);
    assert.deepEqual(v.sboms, [`IMAGE ${short(imageId)}`]);

    const alias = `bulwark-test/sensor-alias-${scopeValue}:v1`;
    await docker(['tag', imageId, alias]);
    seen.push(`IMAGE tag ${short(imageId)}`);
    v = await settled(imageId, seen);
    assert.deepEqual(v.sboms, [`IMAGE ${short(imageId)}`], 'a tag is not a rescan');

    await docker(['rmi', alias]);
    seen.push(`IMAGE untag ${short(imageId)}`);
    v = await settled(imageId, seen);
    await docker(['rmi', `bulwark-test/sensor-load-${scopeValue}:v0`]);
    seen.push(`IMAGE untag ${short(imageId)}`, `IMAGE delete ${short(imageId)}`);
    v = await settled(imageId, seen);
    assert.deepEqual(v.sboms, [`IMAGE ${short(imageId)}`], 'removals are reports, not scans');
  });

  it('import scans the imported image', async () => {
    const archive = join(dir, 'import.tar');
    await labelledArchive(archive, scope, 'sensor-import-pkg');
    // `docker import` takes a root filesystem tar: the layer of a small archive will do.
    const { run } = await import('../../test-support/components.js');
    await run('tar', ['-xf', archive, '-C', dir, 'l0/layer.tar']);
    const before = (await server.view()).sboms.length;
    const id = (
      await docker(['import', '--change', `LABEL ${scopeKey}=${scopeValue}`, join(dir, 'l0/layer.tar')])
    ).trim();
    cleanup.push(['rmi', '-f', id]);
    const v = await settled(id, [`IMAGE import ${short(id)}`]);
    assert.deepEqual(v.sboms.slice(before), [`IMAGE ${short(id)}`]);
  });

  it('pull from the local registry scans the pulled image', async () => {
    const { run, testRegistry } = await import('../../test-support/components.js');
    const archive = join(dir, 'pull.tar');
    const { imageId } = await labelledArchive(archive, scope, 'sensor-pull-pkg');
    const reg = testRegistry();
    const remote = `${reg.host}/sensor-pull-${scopeValue}:v1`;
    // Straight from the archive into the registry: the daemon has never seen this image.
    await run('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      '--dest-creds',
      `${reg.username}:${reg.password}`,
      `docker-archive:${archive}`,
      `docker://${remote}`,
    ]);
    const config = join(dir, 'docker-config');
    await docker(['--config', config, 'login', '-u', reg.username, '-p', reg.password, reg.host]);
    const before = (await server.view()).sboms.length;
    await docker(['--config', config, 'pull', remote]);
    const id = (await docker(['image', 'inspect', '--format', '{{.Id}}', remote])).trim();
    cleanup.push(['rmi', '-f', id]);
    const v = await settled(id, [`IMAGE pull ${short(id)}`]);
    assert.deepEqual(v.sboms.slice(before), [`IMAGE ${short(id)}`]);
    assert.ok(imageId.length > 0);
  });

  it('create does not scan a container that is not running; start scans it once; pause, unpause, exec, stop, kill, rm scan nothing more', async () => {
    const name = `bulwark-sensor-${scopeValue}`;
    cleanup.push(['rm', '-f', name]);
    const before = (await server.view()).sboms.length;
    const id = (await docker(['create', '--label', scope, '--name', name, DEBIAN, 'sleep', '600'])).trim();
    let v = await settled(id, [`CONTAINER create ${short(id)}`]);
    assert.deepEqual(v.sboms.slice(before), [], 'a created container is not running: nothing to scan yet');

    await docker(['start', name]);
    v = await settled(id, [`CONTAINER create ${short(id)}`, `CONTAINER start ${short(id)}`]);
    // Its image first (the server needs it to place the container), then the container.
    assert.deepEqual(v.sboms.slice(before), [`IMAGE ${short(debianId)}`, `CONTAINER ${short(id)}`]);

    await docker(['pause', name]);
    await docker(['unpause', name]);
    await docker(['exec', name, 'true']);
    await docker(['stop', '-t', '0', name]);
    await docker(['start', name]);
    await docker(['kill', name]);
    await docker(['rm', name]);
    await eventually('destroy reported', async () =>
      (await server.view()).events.includes(`CONTAINER destroy ${short(id)}`) ? true : undefined,
    );
    await agent.scansIdle();
    v = await server.view();
    const mine = v.events.filter((e) => e.endsWith(short(id))).map((e) => e.split(' ')[1]);
    for (const action of [
      'create',
      'start',
      'pause',
      'unpause',
      'exec_create',
      'exec_start',
      'exec_die',
      'kill',
      'die',
      'stop',
      'destroy',
    ])
      assert.ok(mine.includes(action), `${action} reported (got ${mine.join(' ')})`);
    assert.deepEqual(
      v.sboms.slice(before),
      [`IMAGE ${short(debianId)}`, `CONTAINER ${short(id)}`],
      'state changes scan nothing',
    );
  });

  it('ignores images and containers outside its label scope', async () => {
    const beforeView = await server.view();
    const track = { loaded: (id: string) => cleanup.push(['rmi', '-f', id]) };
    await loadLabelled(join(dir, 'other.tar'), newScope(), 'sensor-other-pkg', track);
    // A barrier: an in-scope action after it; events are handled in order.
    const b = await loadLabelled(join(dir, 'barrier.tar'), scope, 'sensor-barrier-pkg', track);
    const v = await settled(b, [`IMAGE load ${short(b)}`]);
    assert.deepEqual(v.events.slice(beforeView.events.length), [`IMAGE load ${short(b)}`]);
    assert.deepEqual(v.sboms.slice(beforeView.sboms.length), [`IMAGE ${short(b)}`]);
  });
});
