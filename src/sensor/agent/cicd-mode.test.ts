/**
 * CI/CD mode on the real test dockerd and a real server: only images carrying the trigger
 * tag are scanned; after the upload the trigger tag is removed, except when it is the
 * image's only tag (kept, so the image is not lost); nothing else is reported.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  docker,
  eventually,
  loadLabelled,
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from './sensor-agent.js';

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const tagsOf = async (id: string) =>
  (await docker(['image', 'inspect', '--format', '{{join .RepoTags " "}}', id]))
    .trim()
    .split(' ')
    .filter(Boolean);

describe('CI/CD sensor (real dockerd, real server)', { timeout: 300_000 }, () => {
  let server: SensorServer;
  let dir: string;
  let agent: SensorAgent;
  const scope = newScope();
  const run = scope.split('=')[1] as string;
  // A trigger tag name unique to this run, so other tests' images never trigger this sensor.
  const trigger = `bulwark_scan_target_${run}`;
  const ids: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-cicd-'));
    server = await startSensorServer();
    agent = new SensorAgent(
      sensorTestOptions(server, join(dir, 'storage'), scope, { mode: 'cicd', triggerTag: trigger }),
    );
    await agent.start();
  });

  after(async () => {
    await agent?.stop();
    for (const id of ids) await docker(['rmi', '-f', id]).catch(() => '');
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('scans only trigger-tagged images, removes the trigger tag after upload unless it is the only tag', async () => {
    const load = (pkg: string, tag: string) =>
      loadLabelled(join(dir, `${pkg}.tar`), scope, pkg, { tag, loaded: (id) => ids.push(id) });
    const plain = await load('cicd-plain', `bulwark-test/cicd-plain-${run}:v1`);
    const built = await load('cicd-built', `bulwark-test/cicd-built-${run}:v1`);
    const only = await load('cicd-only', `${trigger}:${short(`sha256:${'0'.repeat(64)}`)}`);
    // The pipeline marks the built image for scanning.
    await docker(['tag', built, `${trigger}:${short(built)}`]);
    await eventually('built image untagged after upload', async () =>
      (await tagsOf(built)).some((t) => t.startsWith(`${trigger}:`)) ? undefined : true,
    );
    await eventually('both scans on the server', async () =>
      (await server.view()).sboms.length >= 2 ? true : undefined,
    );
    await agent.scansIdle();
    const v = await server.view();
    assert.deepEqual([...v.sboms].sort(), [`IMAGE ${short(built)}`, `IMAGE ${short(only)}`].sort());
    assert.deepEqual(await tagsOf(built), [`bulwark-test/cicd-built-${run}:v1`]);
    assert.deepEqual(
      await tagsOf(only),
      [`${trigger}:${short(`sha256:${'0'.repeat(64)}`)}`],
      'only tag kept',
    );
    assert.deepEqual(await tagsOf(plain), [`bulwark-test/cicd-plain-${run}:v1`]);
    assert.deepEqual(v.events, [], 'a CI/CD sensor reports nothing else on the host');
  });
});
