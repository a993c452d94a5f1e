/**
 * `bulwark sensor diagnose` against a running sensor (real dockerd, real server, one
 * running container of its own): the archive is opened and each promised part checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { importDebianImage } from '../../test-support/debian-rootfs.js';
import {
  docker,
  eventually,
  newScope,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from '../agent/sensor-agent.js';
import { diagnoseArchive } from './diagnose.js';

async function readArchive(path: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const ex = extract();
  ex.on('entry', (h, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (c: unknown) => parts.push(c as Buffer));
    stream.on('end', () => {
      files.set(h.name.replace(/^bulwark-sensor-diagnose\//, ''), Buffer.concat(parts).toString('utf8'));
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  ex.end(gunzipSync(readFileSync(path)));
  await done;
  return files;
}

it('diagnose archives scan state, logs, system, proxy, Docker facts and container resource use', {
  timeout: 300_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-sensor-diag-'));
  const server = await startSensorServer();
  const scope = newScope();
  await importDebianImage('bulwark-test/sensor-debian:latest');
  const name = `bulwark-diag-${scope.split('=')[1]}`;
  const opts = sensorTestOptions(server, join(dir, 'storage'), scope, { proxy: 'http://proxy.example:3128' });
  // The proxy is for the diagnose report only; the running sensor talks to the server directly.
  const agent = new SensorAgent({ ...opts, proxy: undefined });
  try {
    await agent.start();
    await docker([
      'run',
      '-d',
      '--label',
      scope,
      '--name',
      name,
      'bulwark-test/sensor-debian:latest',
      'sleep',
      '600',
    ]);
    await eventually('container scanned', async () =>
      Object.keys(agent.state.state.containers).length === 1 ? true : undefined,
    );
    const out = join(dir, 'diag.tar.gz');
    await diagnoseArchive(opts, out);
    const files = await readArchive(out);
    const state = JSON.parse(files.get('scan-state.json') ?? '{}') as {
      containers?: Record<string, unknown>;
    };
    assert.equal(Object.keys(state.containers ?? {}).length, 1);
    assert.match(files.get('logs/sensor.log') ?? '', /scanned container/);
    const system = JSON.parse(files.get('system.json') ?? '{}') as {
      cpu: { count: number };
      memory: { totalBytes: number };
      os: string;
    };
    assert.ok(system.cpu.count > 0 && system.memory.totalBytes > 0 && system.os.length > 0);
    assert.equal(
      (JSON.parse(files.get('proxy.json') ?? '{}') as { proxy: string }).proxy,
      'http://proxy.example:3128',
    );
    const d = JSON.parse(files.get('docker.json') ?? '{}') as {
      version: string;
      endpoint: string;
      images: number;
      runningContainers: number;
    };
    assert.equal(d.version, (await docker(['version', '--format', '{{.Server.Version}}'])).trim());
    assert.equal(d.endpoint, opts.dockerHost);
    assert.ok(d.images > 0 && d.runningContainers > 0);
    const stats = JSON.parse(files.get('container-stats.json') ?? '[]') as {
      name: string;
      memoryUsage: number | null;
    }[];
    const mine = stats.find((s) => s.name === `/${name}`);
    assert.ok(mine, 'the running container is listed');
    assert.ok((mine.memoryUsage ?? 0) > 0, 'with its memory use');
  } finally {
    await agent.stop();
    await docker(['rm', '-f', name]).catch(() => '');
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
