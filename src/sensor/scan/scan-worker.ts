/**
 * The scan worker process (forked by `WorkerRunner` when CpuUsageLimit is set): builds its
 * own Docker client from the sensor's options, runs each scan it is sent (several at
 * once, as many as the sensor's ConcurrentScan lets through) and answers with the
 * CycloneDX document. It exits when the sensor goes away (the IPC channel closes).
 */
import { connectDocker } from '../../core/source/docker/docker-client.js';
import type { ScanEnv } from './container-scan.js';
import { type ScanRequest, scanInProcess, type WorkerInit, type WorkerMessage } from './scan-runner.js';

let env: Promise<ScanEnv> | undefined;

function reply(m: WorkerMessage): void {
  process.send?.(m);
}

process.on('message', (m: { init?: WorkerInit; id?: number; req?: ScanRequest }) => {
  if (m.init) {
    const init = m.init;
    env = connectDocker(init.dockerOptions).then((c) => ({ docker: c.docker, ...init }));
    return;
  }
  const id = m.id ?? 0;
  if (!env || !m.req) {
    reply({ id, ok: false, message: 'scan worker received a scan before its options' });
    return;
  }
  const req = m.req;
  env
    .then((e) => scanInProcess(e, req))
    .then(
      (output) => reply({ id, ok: true, output }),
      (err: unknown) => {
        const e = err as { message?: string; code?: unknown };
        reply({
          id,
          ok: false,
          message: e.message ?? String(err),
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
        });
      },
    );
});
process.on('disconnect', () => process.exit(0));
