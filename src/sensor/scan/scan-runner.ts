/**
 * Where scans run. Without a CPU limit, in the sensor process. With one, in a scan worker
 * child process (`scan-worker.ts`) that the limit is attached to (cgroup or duty cycle,
 * `cpu/cpu-limiters.ts`): the sensor's own event handling, heartbeats and uploads are
 * never slowed by it, and pausing the worker pauses nothing else.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildCycloneDx } from '../../core/sbom/format/cyclonedx-encoder.js';
import type { CdxBom } from '../../core/sbom/format/cyclonedx-types.js';
import type { DockerOptions } from '../../core/source/types.js';
import { type AttachedLimit, limitWorker } from '../cpu/cpu-limiters.js';
import type { Logger } from '../log/logger.js';
import { type ScanEnv, scanContainer, scanImage } from './container-scan.js';

export interface ScanOutput {
  bom: CdxBom;
  packages: number;
}

export type ScanRequest =
  | { kind: 'image'; imageId: string }
  | { kind: 'container'; containerId: string; imageId: string };

export interface ScanRunner {
  run(req: ScanRequest): Promise<ScanOutput>;
  close(): Promise<void>;
}

export async function scanInProcess(env: ScanEnv, req: ScanRequest): Promise<ScanOutput> {
  const sbom =
    req.kind === 'image'
      ? await scanImage(env, req.imageId)
      : await scanContainer(env, req.containerId, req.imageId);
  return { bom: buildCycloneDx(sbom).bom, packages: sbom.packages.length };
}

export function inProcessRunner(env: ScanEnv): ScanRunner {
  return { run: (req) => scanInProcess(env, req), close: async () => {} };
}

/** What the worker needs to build its own ScanEnv (a Docker client does not cross processes). */
export interface WorkerInit {
  dockerOptions: DockerOptions;
  cacheDir: string;
  tempRoot: string;
}

export type WorkerMessage =
  | { id: number; ok: true; output: ScanOutput }
  | { id: number; ok: false; message: string; code?: string };

export class WorkerRunner implements ScanRunner {
  /** The current worker; a worker that died (OOM, a crash on one image) is replaced on the next scan. */
  child!: ChildProcess;
  limit!: AttachedLimit;
  private next = 1;
  private closed = false;
  private readonly pending = new Map<
    number,
    { resolve: (o: ScanOutput) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly init: WorkerInit,
    private readonly cpuUsageLimit: number,
    private readonly log: Logger,
  ) {
    this.spawn();
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private spawn(): void {
    const { log, cpuUsageLimit } = this;
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith('.ts');
    // From source (tests, tsx) the worker is TypeScript too and needs the same loader.
    const child = fork(here.replace(/scan-runner\.(ts|js)$/, `scan-worker.$1`), [], {
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => log.warn(`scan worker: ${d.toString('utf8').trim()}`));
    child.on('message', (m: WorkerMessage) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.output);
      else p.reject(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
    });
    child.on('exit', (code, signal) => {
      // Only this worker's scans were in flight (a replacement starts once all of them ended).
      for (const p of this.pending.values()) p.reject(new Error(`scan worker exited (${signal ?? code})`));
      this.pending.clear();
      if (!this.closed)
        log.error(`scan worker exited (${signal ?? code}); a new one starts with the next scan`);
    });
    child.send({ init: this.init });
    try {
      // Besides the limit, the worker yields to the workloads the sensor watches.
      setPriority(child.pid ?? 0, 19);
    } catch {
      log.warn('cannot lower the scan worker priority');
    }
    const { limit, skipped } = limitWorker({
      pid: child.pid ?? 0,
      percent: cpuUsageLimit,
      cpus: availableParallelism(),
      name: `bulwark-${process.pid}`,
    });
    this.limit = limit;
    for (const why of skipped) log.debug(`CpuUsageLimit: ${why}`);
    log.info(`CpuUsageLimit ${cpuUsageLimit}% of ${availableParallelism()} CPU(s): ${limit.describe}`);
  }

  run(req: ScanRequest): Promise<ScanOutput> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new Error('scan worker is closed'));
        return;
      }
      if (!this.running) {
        this.limit.release();
        this.spawn();
      }
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, req });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.limit.release();
    if (this.running) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.disconnect();
      await exited;
    }
    this.limit.release();
  }
}
