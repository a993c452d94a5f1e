/**
 * The sensor survives a Docker daemon restart. A private dockerd (the shared one serves every
 * other test and must never be restarted) is stopped and started again under a running
 * sensor; an image loaded right after the restart — before the sensor is back — is neither
 * lost (the sensor resumes the event stream where it stopped) nor reported twice, the host is
 * inventoried again, and every event and scan reaches the real server exactly once.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { openDatabase } from '../../db/dialects.js';
import {
  eventually,
  loadLabelled,
  newScope,
  sensorTestOptions,
  startPrivateDockerd,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from './sensor-agent.js';

const count = (list: string[], item: string) => list.filter((x) => x === item).length;

it('reconnects after a dockerd restart, re-inventories, and loses or duplicates nothing', {
  timeout: 600_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-dockerd-restart-'));
  const dockerd = await startPrivateDockerd();
  const server = await startSensorServer();
  const scope = newScope();
  const agent = new SensorAgent(
    sensorTestOptions(server, join(dir, 'storage'), scope, { dockerHost: dockerd.host }),
  );
  const db = openDatabase({ dataDir: server.dataDir });
  const inventories = async () =>
    (await db.db.selectFrom('ingest_receipts').select('kind').where('kind', '=', 'inventory').execute())
      .length;
  const load = (pkg: string) => loadLabelled(join(dir, `${pkg}.tar`), scope, pkg, { docker: dockerd.docker });
  const short = (id: string) => id.slice(7, 19);
  try {
    await agent.start();
    const before = await load('before-restart');
    await eventually('the first image scanned', async () =>
      (await server.view()).sboms.includes(`IMAGE ${short(before)}`) ? true : undefined,
    );
    const inventoriedBefore = await eventually(
      'the first inventory',
      async () => (await inventories()) || undefined,
    );
    await dockerd.stop();
    await dockerd.start();
    const after = await load('after-restart');
    await dockerd.docker(['tag', before, 'bulwark-restart/tagged:1']);
    await eventually('the image loaded after the restart scanned and its tag reported', async () => {
      const v = await server.view();
      return v.sboms.includes(`IMAGE ${short(after)}`) && v.events.includes(`IMAGE tag ${short(before)}`)
        ? true
        : undefined;
    });
    assert.ok((await inventories()) > inventoriedBefore, 'inventoried again after the reconnect');
    await agent.scansIdle();
    await eventually('the upload queue drained', async () => (agent.queue.depth === 0 ? true : undefined));
    const v = await server.view();
    assert.equal(count(v.events, `IMAGE load ${short(before)}`), 1);
    assert.equal(
      count(v.events, `IMAGE load ${short(after)}`),
      1,
      'the event from before the sensor was back: once',
    );
    assert.equal(count(v.events, `IMAGE tag ${short(before)}`), 1);
    assert.equal(count(v.sboms, `IMAGE ${short(before)}`), 1, 'not rescanned');
    assert.equal(count(v.sboms, `IMAGE ${short(after)}`), 1);
  } catch (err) {
    const { readFileSync } = await import('node:fs');
    console.log(readFileSync(join(dir, 'storage', 'logs', 'sensor.log'), 'utf8'));
    throw err;
  } finally {
    await agent.stop();
    await db.close();
    await server.close();
    await dockerd.close();
    await rm(dir, { recursive: true, force: true });
  }
});
