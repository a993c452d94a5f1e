/**
 * Delivers the disk queue in order: the head upload is retried until the server takes it
 * (exponential backoff with full jitter, capped), so nothing behind it overtakes it. An
 * upload the server refuses for good (4xx other than 408/429) is moved to
 * `queue/rejected/` with a log line, since retrying it could never succeed.
 */
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryError, type SensorClient } from '../client/sensor-client.js';
import type { Logger } from '../log/logger.js';
import type { DiskQueue } from './disk-queue.js';

export interface DelivererOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each delivery; false holds delivery (e.g. inside an inactive window). */
  mayDeliver?: () => boolean;
  onDelivered?: (kind: string, body: unknown) => void;
}

export function backoffDelay(attempt: number, base: number, max: number, random = Math.random): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

export class Deliverer {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private sleeper: (() => void) | undefined;

  constructor(
    private readonly queue: DiskQueue,
    private readonly client: SensorClient,
    private readonly log: Logger,
    private readonly opts: DelivererOptions = {},
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.sleeper = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const base = this.opts.baseDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 60_000;
    let attempt = 0;
    while (!this.stopped) {
      if (this.opts.mayDeliver && !this.opts.mayDeliver()) {
        await this.sleep(1000);
        continue;
      }
      const item = await this.queue.peek();
      if (!item) {
        await Promise.race([this.queue.wait(1000), this.sleep(1000)]);
        continue;
      }
      try {
        await this.client.upload(item.kind, item.body, item.key);
        await this.queue.remove(item.seq);
        this.opts.onDelivered?.(item.kind, item.body);
        if (attempt > 0)
          this.log.info(`server reachable again; delivering ${this.queue.depth} queued upload(s)`);
        attempt = 0;
      } catch (err) {
        if (err instanceof DeliveryError && !err.retryable) {
          this.log.error(`upload ${item.kind} #${item.seq} refused by the server, set aside: ${err.message}`);
          const rejected = join(this.queue.dir, 'rejected');
          await mkdir(rejected, { recursive: true });
          await rename(
            join(this.queue.dir, `${String(item.seq).padStart(12, '0')}.json`),
            join(rejected, `${item.seq}.json`),
          ).catch(() => {});
          await this.queue.remove(item.seq);
          continue;
        }
        const delay = backoffDelay(attempt++, base, max);
        this.log.warn(
          `upload ${item.kind} #${item.seq} failed (${(err as Error).message}); retry in ${delay} ms, ${this.queue.depth} queued`,
        );
        await this.sleep(delay);
      }
    }
  }
}
