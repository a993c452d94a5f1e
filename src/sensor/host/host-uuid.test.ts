/**
 * The host UUID, from the marker another agent left under HostIdSearchDir or generated
 * once and kept in Storage, reaches a real `bulwark server` with the activation and is
 * what its sensors API shows — the same after a restart with the same Storage.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from '../agent/sensor-agent.js';
import { loadIdentity } from '../client/identity-store.js';
import { hostInfo } from './host-info.js';

describe('host UUID (real dockerd, real server)', { timeout: 300_000 }, () => {
  let server: SensorServer;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-host-uuid-'));
    server = await startSensorServer();
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs a sensor until it has activated, then stops it; answers the server's view of it. */
  async function runOnce(storage: string, hostIdSearchDir?: string) {
    const agent = new SensorAgent(sensorTestOptions(server, storage, newScope(), { hostIdSearchDir }));
    await agent.start();
    await agent.stop();
    const sensorUuid = loadIdentity(storage).sensorUuid ?? '';
    const res = await fetch(`${server.url}/csapi/v1.1/sensors/${sensorUuid}`, {
      headers: { authorization: `Basic ${Buffer.from('admin:sensor-test-pw-1').toString('base64')}` },
    });
    assert.equal(res.status, 200);
    return { sensorUuid, hostUuid: ((await res.json()) as { hostUuid: string | null }).hostUuid };
  }

  it('reports the marker another agent left under HostIdSearchDir', async () => {
    const markers = join(dir, 'agent');
    await mkdir(join(markers, 'sub'), { recursive: true });
    const marker = randomUUID();
    await writeFile(join(markers, 'README'), 'no uuid here\n');
    await writeFile(join(markers, 'hostid'), `${marker.toUpperCase()}\n`);
    const storage = join(dir, 'with-marker');
    assert.deepEqual(
      { uuid: hostInfo(storage, markers).hostUuid, source: hostInfo(storage, markers).hostUuidSource },
      { uuid: marker, source: 'marker' },
    );
    const seen = await runOnce(storage, markers);
    assert.equal(seen.hostUuid, marker);
    assert.equal(existsSync(join(storage, 'host-id')), false, 'nothing generated when a marker exists');
  });

  it('generates one when there is no marker, keeps it in Storage across restarts; a new Storage is a new one', async () => {
    const storage = join(dir, 'generated');
    const empty = join(dir, 'empty-marker-dir');
    await mkdir(empty, { recursive: true });
    const first = await runOnce(storage, empty);
    assert.match(
      first.hostUuid ?? '',
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(readFileSync(join(storage, 'host-id'), 'utf8').trim(), first.hostUuid, 'kept in Storage');
    const again = await runOnce(storage);
    assert.deepEqual(again, first, 'restart with the same Storage: same sensor, same host UUID');
    const other = await runOnce(join(dir, 'generated-2'));
    assert.notEqual(other.hostUuid, first.hostUuid);
    assert.equal(hostInfo(storage, undefined).hostUuidSource, 'storage');
  });
});
