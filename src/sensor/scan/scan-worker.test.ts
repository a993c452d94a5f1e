/**
 * With CpuUsageLimit set, scans run in the scan worker process the limit holds: against
 * the real test dockerd the worker's SBOM is the in-process one, the worker is the
 * process the limit was attached to, and a sensor so configured gets its image scan to a
 * real server and logs which mechanism applies.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectDocker } from '../../core/source/docker/docker-client.js';
import { testDocker } from '../../test-support/components.js';
import {
  docker,
  eventually,
  loadLabelled,
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../test-support/sensor-harness.js';
import { SensorAgent } from '../agent/sensor-agent.js';
import { processState } from '../cpu/cgroups.js';
import { fileLogger } from '../log/logger.js';
import { scanInProcess, WorkerRunner } from './scan-runner.js';

const names = (bom: { components?: { name: string; version?: string }[] }) =>
  (bom.components ?? []).map((c) => `${c.name}@${c.version ?? ''}`).sort();

describe('scan worker (real dockerd)', { timeout: 300_000 }, () => {
  let dir: string;
  let server: SensorServer;
  const images: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-scan-worker-'));
    server = await startSensorServer();
  });
  after(async () => {
    for (const id of images) await docker(['rmi', '-f', id]).catch(() => '');
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const load = (scope: string, pkg: string) =>
    loadLabelled(join(dir, `${pkg}.tar`), scope, pkg, { loaded: (id) => images.push(id) });

  it('scans in the worker exactly as in process, and the limit holds the worker', async () => {
    const imageId = await load(newScope(), 'worker-pkg');
    const dockerOptions = { host: testDocker().host };
    const log = fileLogger({ dir: join(dir, 'logs'), level: 5, console: false });
    const runner = new WorkerRunner(
      { dockerOptions, cacheDir: join(dir, 'cache-w'), tempRoot: dir },
      40,
      log,
    );
    try {
      const fromWorker = await runner.run({ kind: 'image', imageId });
      const conn = await connectDocker(dockerOptions);
      const inProcess = await scanInProcess(
        { docker: conn.docker, dockerOptions, cacheDir: join(dir, 'cache-p'), tempRoot: dir },
        { kind: 'image', imageId },
      );
      assert.equal(fromWorker.packages, 1);
      assert.deepEqual(names(fromWorker.bom), names(inProcess.bom));
      assert.ok(names(fromWorker.bom).includes('worker-pkg@1.0-1'));
      const pid = runner.child.pid ?? 0;
      if (runner.limit.dir)
        assert.ok(
          readFileSync(join(runner.limit.dir, 'cgroup.procs'), 'utf8').split('\n').includes(String(pid)),
        );
      else assert.equal(runner.limit.kind, 'duty-cycle');
      await assert.rejects(runner.run({ kind: 'image', imageId: 'sha256:'.padEnd(71, '0') }), /./);
      // A worker that dies (OOM, a crash on one image) is replaced by the next scan, not left dead.
      const dead = runner.child;
      const exited = new Promise((r) => dead.once('exit', r));
      dead.kill('SIGKILL');
      await exited;
      const again = await runner.run({ kind: 'image', imageId });
      assert.deepEqual(names(again.bom), names(fromWorker.bom));
      assert.notEqual(runner.child.pid, dead.pid);
      if (runner.limit.dir)
        assert.ok(
          readFileSync(join(runner.limit.dir, 'cgroup.procs'), 'utf8')
            .split('\n')
            .includes(String(runner.child.pid)),
          'the new worker is held by the limit too',
        );
    } finally {
      await runner.close();
    }
    assert.equal(processState(runner.child.pid ?? 0), undefined, 'the worker is gone after close');
  });

  it('a sensor with CpuUsageLimit uploads through the worker and logs the mechanism', async () => {
    const scope = newScope();
    const storage = join(dir, 'storage');
    const agent = new SensorAgent(sensorTestOptions(server, storage, scope, { cpuUsageLimit: 50 }));
    try {
      await agent.start();
      const imageId = await load(scope, 'limited-pkg');
      await eventually('the image SBOM on the server', async () =>
        (await server.view()).sboms.includes(`IMAGE ${imageId.slice(7, 19)}`) ? true : undefined,
      );
    } finally {
      await agent.stop();
    }
    const logs = readdirSync(join(storage, 'logs'))
      .map((f) => readFileSync(join(storage, 'logs', f), 'utf8'))
      .join('');
    assert.match(logs, /CpuUsageLimit 50% of \d+ CPU\(s\): (cgroup v[12] .*|duty cycle: .*)/);
  });
});
