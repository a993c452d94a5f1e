/**
 * The sensor: activate, heartbeat (the answer carries the server-managed configuration),
 * inventory the Docker host, follow its event stream, scan what the triggers say, and
 * hand every result to the durable upload queue. Docker going away (daemon restart) means
 * reconnect, re-inventory, continue; the server going away only makes the queue longer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { toolInfo } from '../../core/sbom/format/tool-info.js';
import { connectDocker } from '../../core/source/docker/docker-client.js';
import { activateWithRetry } from '../client/activation.js';
import { type HeartbeatAnswer, SensorClient, type ServerConfig } from '../client/sensor-client.js';
import type { SensorOptions } from '../config/sensor-options.js';
import { fileLogger, type Logger } from '../log/logger.js';
import { backoffDelay, Deliverer } from '../queue/deliverer.js';
import { DiskQueue } from '../queue/disk-queue.js';
import { inProcessRunner, type ScanRunner, WorkerRunner } from '../scan/scan-runner.js';
import { removeTriggerTags } from './cicd-untag.js';
import {
  type EngineEvent,
  inScope,
  listContainers,
  listImages,
  occurredAt,
  type ProtocolEvent,
  parseEngineEvent,
  realTags,
} from './docker-assets.js';
import { EventCursor } from './event-cursor.js';
import { inInactiveWindow } from './inactive-window.js';
import { ScanStateFile } from './scan-state.js';
import { reactionTo } from './triggers.js';
import { WorkQueue } from './work-queue.js';

export interface AgentHooks {
  /** Called after each upload the server accepted (tests, CI/CD untagging). */
  onDelivered?: (kind: string, body: unknown) => void;
  /** Called when a scan starts (tests use it to kill a sensor mid-scan). */
  onScanStart?: (key: string) => void;
}

const CICD_PRIORITY = 0;
const EVENT_PRIORITY = 1;
const INVENTORY_PRIORITY = 2;

export class SensorAgent {
  readonly log: Logger;
  readonly queue: DiskQueue;
  readonly state: ScanStateFile;
  private readonly client: SensorClient;
  private readonly work: WorkQueue;
  private deliverer: Deliverer | undefined;
  private docker: Docker | undefined;
  private scanner: ScanRunner | undefined;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private config: ServerConfig | undefined;
  private inactive = false;
  private eventStream: NodeJS.ReadableStream | undefined;
  private watching: Promise<void> | undefined;
  private readonly cursor = new EventCursor();
  /** Scope and names of what we reported, for events about things already gone (delete, destroy). */
  private readonly knownImages = new Set<string>();
  private readonly knownContainers = new Map<string, string>();
  dockerVersion = '';
  dockerEndpoint = '';

  constructor(
    readonly opts: SensorOptions,
    private readonly hooks: AgentHooks = {},
  ) {
    mkdirSync(opts.storage, { recursive: true });
    this.log = fileLogger({
      dir: join(opts.storage, 'logs'),
      level: opts.logLevel,
      console: opts.consoleLogs,
    });
    this.queue = new DiskQueue(join(opts.storage, 'queue'), opts.queueLimit, (depth) =>
      this.log.error(
        `upload queue full (${depth} uploads waiting in ${join(opts.storage, 'queue')}); new data is dropped until the server takes some`,
      ),
    );
    this.state = new ScanStateFile(opts.storage);
    this.client = new SensorClient({
      serverUrl: opts.serverUrl,
      proxy: opts.proxy,
      proxyCertFile: opts.proxyCertFile,
    });
    this.work = new WorkQueue(opts.concurrentScan, (job, err) => {
      this.log.debug(`scan ${job.key} failed at: ${(err as Error).stack ?? ''}`);

      this.log.error(`scan ${job.key} failed: ${(err as Error).message}`);
    });
  }

  get triggerTag(): string {
    return this.opts.triggerTag ?? this.config?.triggerTagName ?? 'bulwark_scan_target';
  }

  get scanIntervalMs(): number {
    return (this.opts.scanIntervalHours ?? this.config?.scanIntervalHours ?? 48) * 3_600_000;
  }

  get isInactive(): boolean {
    return this.inactive;
  }

  async start(): Promise<void> {
    if (this.opts.mode === 'registry') {
      // Registry mode has no Docker host to watch: src/sensor/registry/registry-agent.ts runs it.
      throw new Error('registry mode runs in RegistryAgent (src/sensor/registry), not SensorAgent');
    }
    const dockerOptions = {
      ...(this.opts.dockerHost ? { host: this.opts.dockerHost } : {}),
      ...(this.opts.dockerCertPath ? { certPath: this.opts.dockerCertPath } : {}),
    };
    const conn = await connectDocker(dockerOptions);
    this.docker = conn.docker;
    this.dockerEndpoint = conn.endpoint;
    this.dockerVersion = await this.docker
      .version()
      .then((v) => v.Version)
      .catch(() => '');
    const cacheDir = join(this.opts.storage, 'cache');
    const tempRoot = join(this.opts.storage, 'tmp');
    mkdirSync(tempRoot, { recursive: true });
    const scanEnv = { docker: this.docker, dockerOptions, cacheDir, tempRoot };
    // CpuUsageLimit > 0: scans run in a worker process the limit is attached to.
    this.scanner =
      this.opts.cpuUsageLimit > 0
        ? new WorkerRunner({ dockerOptions, cacheDir, tempRoot }, this.opts.cpuUsageLimit, this.log)
        : inProcessRunner(scanEnv);
    await this.activate();
    await this.heartbeat();
    this.deliverer = new Deliverer(this.queue, this.client, this.log, {
      baseDelayMs: 200,
      maxDelayMs: 5_000,
      mayDeliver: () => !this.inactive,
      onDelivered: (kind, body) => this.delivered(kind, body),
    });
    this.deliverer.start();
    this.timers.push(setInterval(() => void this.heartbeat(), this.opts.heartbeatSeconds * 1000));
    this.timers.push(setInterval(() => void this.rescanDue(), Math.min(this.scanIntervalMs, 3_600_000)));
    this.watching = this.watch();
    this.log.info(
      `sensor started: ${this.opts.mode} mode, Docker ${this.dockerVersion} at ${this.dockerEndpoint}`,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    (this.eventStream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    await this.watching;
    await this.work.idle();
    await this.deliverer?.stop();
    await this.scanner?.close();
    await this.client.close();
  }

  /** Resolves when no scan waits or runs (tests). */
  scansIdle(): Promise<void> {
    return this.work.idle();
  }

  private async activate(): Promise<void> {
    await activateWithRetry(this.client, this.opts, this.log, this.dockerVersion, () => this.stopped);
  }

  private async heartbeat(): Promise<void> {
    let answer: HeartbeatAnswer | undefined;
    try {
      answer = await this.client.heartbeat({
        version: toolInfo.version,
        mode: this.opts.mode,
        status: this.inactive ? 'INACTIVE' : 'ACTIVE',
        queueDepth: this.queue.depth,
      });
    } catch (err) {
      this.log.warn(`heartbeat failed: ${(err as Error).message}`);
      // Keep honouring the last known windows while the server is away.
    }
    if (answer) {
      this.config = answer.config;
      if (answer.updateAvailable)
        this.log.info(`a newer sensor version is available: ${answer.latestVersion}`);
    }
    this.applyWindow();
  }

  private applyWindow(): void {
    const inside = inInactiveWindow(this.config?.inactiveWindows ?? []);
    if (inside !== this.inactive)
      this.log.info(
        inside ? 'inactive window started: no scans, no uploads' : 'inactive window ended: resuming',
      );
    this.inactive = inside;
    this.work.hold(inside);
  }

  /** Follows the event stream; on any break (daemon restart) reconnects and re-inventories. */
  private async watch(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const docker = this.docker as Docker;
        // After a break, resume where the stream stopped: nothing the daemon emitted meanwhile is lost.
        const since = this.cursor.since();
        const stream = (await docker.getEvents({
          filters: { type: ['image', 'container'] },
          ...(since ? { since } : {}),
        })) as NodeJS.ReadableStream;
        this.eventStream = stream;
        await this.inventory();
        attempt = 0;
        await this.readEvents(stream);
      } catch (err) {
        if (this.stopped) return;
        this.log.warn(`Docker event stream lost (${(err as Error).message})`);
      }
      if (this.stopped) return;
      const delay = backoffDelay(attempt, 500, 10_000);
      this.log.info(`reconnecting to Docker at ${this.dockerEndpoint} in ${delay} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  private readEvents(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve, reject) => {
      // stop() may have destroyed the stream while the inventory ran: nothing will fire.
      if (this.stopped || (stream as unknown as { destroyed?: boolean }).destroyed) {
        resolve();
        return;
      }
      let buf = '';
      let chain = Promise.resolve();
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let nl = buf.indexOf('\n');
        while (nl >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          nl = buf.indexOf('\n');
          if (!line) continue;
          const event = parseEngineEvent(line);
          if (!event) {
            this.log.warn(`unreadable Docker event skipped: ${line.slice(0, 200)}`);
            continue;
          }
          if (!this.cursor.accept(event)) continue; // replayed after a reconnect: already handled
          // Events are handled one after another so the server receives them in order.
          chain = chain
            .then(() => this.onEvent(event))
            .catch((err: unknown) =>
              this.log.error(`event ${event.Type} ${event.Action}: ${(err as Error).message}`),
            );
        }
      });
      stream.on(
        'end',
        () => void chain.then(() => (this.stopped ? resolve() : reject(new Error('stream ended')))),
      );
      stream.on(
        'close',
        () => void chain.then(() => (this.stopped ? resolve() : reject(new Error('stream closed')))),
      );
      stream.on('error', reject);
    });
  }

  private async inventory(): Promise<void> {
    const docker = this.docker as Docker;
    const cicd = this.opts.mode === 'cicd';
    const images = await listImages(docker, this.opts.labelScope);
    const containers = cicd ? [] : await listContainers(docker, this.opts.labelScope);
    if (cicd) {
      for (const i of images)
        if (this.isTriggered(i.repoTags ?? [])) this.scheduleImage(i.sha, CICD_PRIORITY);
      return;
    }
    for (const i of images) this.knownImages.add(i.sha);
    for (const c of containers) this.knownContainers.set(c.sha, c.imageSha);
    await this.queue.push('inventory', { schemaVersion: 1, takenAt: Date.now(), images, containers });
    for (const i of images)
      if (!this.state.state.images[i.sha]) this.scheduleImage(i.sha, INVENTORY_PRIORITY);
    for (const c of containers)
      if (c.state === 'RUNNING' && !this.state.state.containers[c.sha])
        this.scheduleContainer(c.sha, INVENTORY_PRIORITY);
    this.log.info(`inventory: ${images.length} image(s), ${containers.length} container(s)`);
  }

  private isTriggered(tags: readonly string[]): boolean {
    return tags.some((t) => t.startsWith(`${this.triggerTag}:`));
  }

  private async onEvent(e: EngineEvent): Promise<void> {
    const type = e.Type ?? '';
    const action = e.Action ?? '';
    const reaction = reactionTo(type, action);
    this.log.debug(`event ${type} ${action} ${e.Actor?.ID ?? ''}`);
    if (!reaction.report) return;
    const docker = this.docker as Docker;
    const occurred = occurredAt(e);
    const base = action.split(':')[0] as string;
    if (type === 'image') {
      const ref = e.Actor?.ID ?? '';
      const info = await docker
        .getImage(ref)
        .inspect()
        .catch(() => undefined);
      const sha = info?.Id ?? (ref.startsWith('sha256:') ? ref : undefined);
      if (!sha) return;
      const tags = realTags(info?.RepoTags);
      if (this.opts.mode === 'cicd') {
        if (info && this.isTriggered(tags)) this.scheduleImage(sha, CICD_PRIORITY, true);
        return;
      }
      const scoped = info ? inScope(this.opts.labelScope, info.Config?.Labels) : this.knownImages.has(sha);
      if (!scoped) return;
      this.knownImages.add(sha);
      const name = e.Actor?.Attributes?.name;
      const event: ProtocolEvent = {
        occurred,
        type: 'IMAGE',
        action: base,
        imageSha: sha,
        ...(name?.includes(':') && !name.startsWith('sha256:') ? { repoTag: name } : {}),
      };
      await this.queue.push('events', { schemaVersion: 1, events: [event] });
      if (reaction.scan === 'image' && !this.state.state.images[sha]) this.scheduleImage(sha, EVENT_PRIORITY);
      return;
    }
    if (this.opts.mode === 'cicd') return;
    const id = e.Actor?.ID ?? '';
    const attrs = e.Actor?.Attributes ?? {};
    if (!inScope(this.opts.labelScope, attrs) && !this.knownContainers.has(id)) return;
    let imageSha = this.knownContainers.get(id);
    if (!imageSha) {
      const c = await docker
        .getContainer(id)
        .inspect()
        .catch(() => undefined);
      imageSha = c?.Image;
      if (imageSha) this.knownContainers.set(id, imageSha);
    }
    const event: ProtocolEvent = {
      occurred,
      type: 'CONTAINER',
      action: base,
      containerSha: id,
      ...(imageSha ? { imageSha } : {}),
      ...(attrs.name ? { name: attrs.name } : {}),
    };
    await this.queue.push('events', { schemaVersion: 1, events: [event] });
    if (base === 'destroy') {
      this.knownContainers.delete(id);
      this.state.forgetContainer(id);
    }
    if (reaction.scan === 'container' && !this.state.state.containers[id])
      this.scheduleContainer(id, EVENT_PRIORITY);
  }

  private scheduleImage(sha: string, priority: number, force = false): void {
    this.work.add({
      key: `image:${sha}`,
      priority,
      run: async () => {
        if (!force && this.state.state.images[sha]) return;
        await this.uploadImage(sha);
      },
    });
  }

  private async uploadImage(sha: string): Promise<void> {
    const docker = this.docker as Docker;
    const info = await docker
      .getImage(sha)
      .inspect()
      .catch(() => undefined);
    if (!info) return; // removed before its turn: nothing to scan
    this.log.info(`scanning image ${sha}`);
    this.hooks.onScanStart?.(`image:${sha}`);
    const scan = await (this.scanner as ScanRunner).run({ kind: 'image', imageId: sha });
    const repoTags = realTags(info.RepoTags);
    const ok = await this.queue.push('sbom', {
      schemaVersion: 1,
      assetType: 'IMAGE',
      imageSha: sha,
      repoTags,
      sbom: scan.bom,
    });
    if (ok) this.state.markImage(sha);
    this.log.info(`scanned image ${sha.slice(7, 19)} (${scan.packages} packages)`);
  }

  private scheduleContainer(id: string, priority: number): void {
    this.work.add({
      key: `container:${id}`,
      priority,
      run: async () => {
        const docker = this.docker as Docker;
        const c = await docker
          .getContainer(id)
          .inspect()
          .catch(() => undefined);
        // Scanned once it is running; a container that never runs is inventoried, not scanned.
        if (!c?.State?.Running || c.State.Paused) return;
        this.hooks.onScanStart?.(`container:${id}`);
        if (!this.state.state.images[c.Image]) await this.uploadImage(c.Image);
        const scan = await (this.scanner as ScanRunner).run({
          kind: 'container',
          containerId: id,
          imageId: c.Image,
        });
        const ok = await this.queue.push('sbom', {
          schemaVersion: 1,
          assetType: 'CONTAINER',
          imageSha: c.Image,
          containerSha: id,
          containerName: c.Name.replace(/^\//, ''),
          sbom: scan.bom,
        });
        if (ok) this.state.markContainer(id, c.Image);
        this.log.info(`scanned container ${id.slice(0, 12)} (${scan.packages} packages)`);
      },
    });
  }

  /** Scans a container again now (the drift rescan, also used by tests and operators). */
  rescanContainer(id: string): void {
    this.state.forgetContainer(id);
    this.scheduleContainer(id, INVENTORY_PRIORITY);
  }

  /** Drift scans: running containers whose last scan is older than the interval. */
  private async rescanDue(): Promise<void> {
    if (this.opts.mode !== 'general' || !this.docker) return;
    const due = Date.now() - this.scanIntervalMs;
    for (const c of await listContainers(this.docker, this.opts.labelScope).catch(() => [])) {
      const last = this.state.state.containers[c.sha]?.scannedAt ?? 0;
      if (c.state === 'RUNNING' && last < due) {
        this.state.forgetContainer(c.sha);
        this.scheduleContainer(c.sha, INVENTORY_PRIORITY);
      }
    }
  }

  /** CI/CD: once the image's results are on the server, its trigger tag goes (unless it is the only tag). */
  private delivered(kind: string, body: unknown): void {
    this.hooks.onDelivered?.(kind, body);
    if (this.opts.mode !== 'cicd' || kind !== 'sbom') return;
    const b = body as { imageSha: string };
    void this.untrigger(b.imageSha).catch((err: unknown) =>
      this.log.warn(`cannot remove trigger tag: ${(err as Error).message}`),
    );
  }

  private untrigger(sha: string): Promise<void> {
    return removeTriggerTags(this.docker as Docker, sha, this.triggerTag, this.log);
  }
}
