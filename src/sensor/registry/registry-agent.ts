/**
 * `bulwark sensor --registry-sensor`: activate in mode `registry`, heartbeat, and run the
 * registry scan jobs the server hands out, one at a time, polling for the next one every
 * heartbeat interval when none is queued. No Docker daemon is involved: images come
 * straight from the registries (src/core/source/registry). Inside an inactive window no
 * job is claimed; a job running when the sensor stops is completed as Failed with that reason.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzerIdentities } from '../../core/analyzer/analyzer-identities.js';
import { layerCacheKey } from '../../core/cache/layer-cache.js';
import { toolInfo } from '../../core/sbom/format/tool-info.js';
import type { RegistryClientEvent } from '../../core/source/registry/registry-events.js';
import type { RateLimitPolicy } from '../../core/source/registry/retry-after.js';
import { inInactiveWindow } from '../agent/inactive-window.js';
import { activateWithRetry } from '../client/activation.js';
import { SensorClient, type ServerConfig } from '../client/sensor-client.js';
import type { SensorOptions } from '../config/sensor-options.js';
import { fileLogger, type Logger } from '../log/logger.js';
import { ServerJobReporter } from './registry-job-client.js';
import { type JobOutcome, runRegistryJob } from './registry-job-runner.js';
import { ScannedDigests } from './scanned-digests.js';

export interface RegistryAgentHooks {
  /** After each job (tests). */
  onJobDone?: (jobId: string, outcome: JobOutcome) => void;
  onRegistryEvent?: (event: RegistryClientEvent) => void;
  rateLimit?: Partial<RateLimitPolicy>;
}

export class RegistryAgent {
  readonly log: Logger;
  private readonly client: SensorClient;
  private readonly reporter: ServerJobReporter;
  private readonly scanned: ScannedDigests;
  private readonly abort = new AbortController();
  private config: ServerConfig | undefined;
  private timers: NodeJS.Timeout[] = [];
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly opts: SensorOptions,
    private readonly hooks: RegistryAgentHooks = {},
  ) {
    mkdirSync(join(opts.storage, 'tmp'), { recursive: true });
    this.log = fileLogger({
      dir: join(opts.storage, 'logs'),
      level: opts.logLevel,
      console: opts.consoleLogs,
    });
    this.client = new SensorClient({
      serverUrl: opts.serverUrl,
      proxy: opts.proxy,
      proxyCertFile: opts.proxyCertFile,
    });
    this.reporter = new ServerJobReporter(this.client, this.abort.signal);
    // The SBOM a digest got depends on the analyzers: their identities key the skip list.
    this.scanned = new ScannedDigests(opts.storage, layerCacheKey('', { analyzers: analyzerIdentities }));
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  async start(): Promise<void> {
    await activateWithRetry(this.client, this.opts, this.log, '', () => this.stopped);
    await this.heartbeat();
    this.timers.push(setInterval(() => void this.heartbeat(), this.opts.heartbeatSeconds * 1000));
    this.loop = this.run();
    this.log.info('sensor started: registry mode (jobs from the server, images straight from registries)');
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('the sensor is stopping'));
    for (const t of this.timers) clearInterval(t);
    this.wake?.();
    await this.loop;
    await this.client.close();
  }

  private get inactive(): boolean {
    return inInactiveWindow(this.config?.inactiveWindows ?? []);
  }

  private async heartbeat(): Promise<void> {
    try {
      const answer = await this.client.heartbeat({
        version: toolInfo.version,
        mode: 'registry',
        status: this.inactive ? 'INACTIVE' : 'ACTIVE',
        queueDepth: 0,
      });
      this.config = answer.config;
    } catch (err) {
      this.log.warn(`heartbeat failed: ${(err as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    const pollMs = Math.min(this.opts.heartbeatSeconds, 30) * 1000;
    while (!this.stopped) {
      let ran = false;
      if (!this.inactive) {
        try {
          const job = await this.reporter.claim();
          if (job) {
            ran = true;
            this.log.info(`registry job ${job.id}: ${job.images.length} image(s) from ${job.registry.uri}`);
            const outcome = await runRegistryJob(job, {
              reporter: this.reporter,
              log: this.log,
              cacheDir: join(this.opts.storage, 'cache'),
              tempRoot: join(this.opts.storage, 'tmp'),
              scanned: this.scanned,
              signal: this.abort.signal,
              onRegistryEvent: (e) => this.registryEvent(e),
              ...(this.hooks.rateLimit ? { rateLimit: this.hooks.rateLimit } : {}),
              ecrPassword: async (registry) => (await import('./ecr-password.js')).ecrPassword(registry),
            });
            this.hooks.onJobDone?.(job.id, outcome);
          }
        } catch (err) {
          this.log.error(`registry jobs: ${(err as Error).message}`);
        }
      }
      if (!ran && !this.stopped) await this.sleep(pollMs);
    }
  }

  private registryEvent(e: RegistryClientEvent): void {
    if (e.kind === 'rate-limited')
      this.log.warn(
        `registry answered 429 for ${e.url}; waiting ${e.waitMs} ms as it asked (try ${e.attempt})`,
      );
    else
      this.log.info(
        `registry token ${e.reason === 'initial' ? 'obtained' : `renewed (${e.reason})`} for ${e.scope}`,
      );
    this.hooks.onRegistryEvent?.(e);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
