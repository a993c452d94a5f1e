/**
 * The deployment images, built by the test dockerd (no internet: on the node base image made
 * of the real Debian rootfs and this machine's node, `node-base-image.ts`) from the very
 * Dockerfiles users build: the sensor image runs as a container watching that same engine
 * through its mounted socket and reports to a real `bulwark server` (an image loaded
 * afterwards appears in the server's API, filed under the host UUID the container found in
 * its mounted HostIdSearchDir); the server image starts and answers /readyz.
 * Needs `npm run build` (the images hold dist/ and the console).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDocker } from '../test-support/components.js';
import { deployImage } from '../test-support/node-base-image.js';
import {
  docker,
  eventually,
  labelledArchive,
  newScope,
  type SensorServer,
  startSensorServer,
} from '../test-support/sensor-harness.js';

const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('deployment images (built and run by the test dockerd)', { timeout: 3_000_000 }, () => {
  let dir: string;
  const containers: string[] = [];
  const images: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-deploy-images-'));
  });
  after(async () => {
    for (const c of containers) await docker(['rm', '-f', '-v', c]).catch(() => '');
    for (const i of images) await docker(['rmi', '-f', i]).catch(() => '');
    await rm(dir, { recursive: true, force: true });
  });

  it('the sensor image watches the engine through its socket and reports to a real server', async () => {
    const image = await deployImage('deploy/sensor/Dockerfile', 'sensor-image');
    const server: SensorServer = await startSensorServer();
    try {
      const scope = newScope();
      const hostIds = join(dir, 'agent-marker');
      await mkdir(hostIds);
      const hostUuid = randomUUID();
      await writeFile(join(hostIds, 'hostid'), `${hostUuid}\n`);
      const socket = testDocker().host.replace(/^unix:\/\//, '');
      const name = `bulwark-sensor-${randomBytes(4).toString('hex')}`;
      containers.push(name);
      // The test dockerd has no bridge: the container shares the host's loopback to reach the server.
      await docker([
        'run',
        '-d',
        '--name',
        name,
        '--network',
        'host',
        '-v',
        `${socket}:/var/run/docker.sock`,
        '-v',
        `${hostIds}:/etc/bulwark:ro`,
        image,
        '--activation-id',
        server.activationId,
        '--customer-id',
        server.customerId,
        '--server-url',
        server.url,
        '--host-id-search-dir',
        '/etc/bulwark',
        '--label-scope',
        scope,
        '--heartbeat-seconds',
        '1',
        '--log-level',
        '4',
      ]);
      const auth = basic('admin', 'sensor-test-pw-1');
      const get = async (path: string) => {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: auth } });
        assert.equal(res.status, 200, `${path}: ${res.status}`);
        return (await res.json()) as { data: Record<string, unknown>[] };
      };
      const sensor = await eventually(
        'the containerized sensor activated',
        async () => (await get('/csapi/v1.1/sensors')).data.find((s) => s.hostUuid === hostUuid),
        120_000,
      ).catch(async (err: unknown) => {
        throw new Error(`${String(err)}\n${await docker(['logs', name]).catch(() => '')}`);
      });
      assert.equal(sensor.status, 'ACTIVE');
      const archive = join(dir, 'loaded.tar');
      const { imageId } = await labelledArchive(archive, scope, 'container-sensor-pkg');
      images.push(imageId);
      await docker(['load', '-i', archive]);
      const listed = await eventually('the loaded image in the server API', async () => {
        const page = await get(`/csapi/v1.1/images?filter=${encodeURIComponent(`sha:${imageId.slice(7)}`)}`);
        return page.data[0];
      });
      assert.equal(listed.sha, imageId.slice(7));
      await eventually('its SBOM on the server', async () =>
        (await server.view()).sboms.includes(`IMAGE ${imageId.slice(7, 19)}`) ? true : undefined,
      );
    } finally {
      await server.close();
    }
  });

  it('the server image starts and answers /readyz', async () => {
    const image = await deployImage('deploy/Dockerfile', 'server-image');
    const port = await freePort();
    const name = `bulwark-server-${randomBytes(4).toString('hex')}`;
    containers.push(name);
    await docker([
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'host',
      '-e',
      'BULWARK_ADMIN_USER=admin',
      '-e',
      'BULWARK_ADMIN_PASSWORD=image-test-pw-1',
      image,
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data-dir',
      '/data',
    ]);
    const ready = await eventually(
      'the server container ready',
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return res?.status === 200 ? ((await res.json()) as { status: string }) : undefined;
      },
      120_000,
    ).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n${await docker(['logs', name]).catch(() => '')}`);
    });
    assert.equal(ready.status, 'ready');
    const sensors = await fetch(`http://127.0.0.1:${port}/csapi/v1.1/sensors`, {
      headers: { authorization: basic('admin', 'image-test-pw-1') },
    });
    assert.equal(sensors.status, 200, 'the bootstrap admin reaches the API');
    const consolePage = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(consolePage.status, 200, 'the console is in the image');
  });
});
