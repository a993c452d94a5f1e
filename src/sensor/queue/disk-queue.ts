/**
 * The durable upload queue under `Storage/queue`: one JSON file per upload, named by a
 * zero-padded sequence number so the directory order is the delivery order. A file is
 * written to a temp name, fsynced and renamed, so a killed sensor leaves either the whole
 * upload or none of it. Each upload gets its idempotency key when it is queued and keeps
 * it on every retry, so a delivery the server took but the sensor never heard about is
 * answered from the server's receipt, not stored twice. Files are removed only after the
 * server answered 2xx.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../../core/json-guards.js';
import type { UploadKind } from '../client/sensor-client.js';

export interface QueuedUpload {
  seq: number;
  kind: UploadKind;
  key: string;
  body: unknown;
  queuedAt: number;
}

const NAME = /^(\d{12})\.json$/;
const KINDS: readonly string[] = ['inventory', 'events', 'sbom'] satisfies UploadKind[];

/**
 * A queue file's upload, or undefined when it is not one: JSON of another shape (or of
 * another sequence number) would otherwise reach the deliverer, which could neither send
 * nor remove it, and delivery would stop behind it for good.
 */
function readUpload(text: string, seq: number): QueuedUpload | undefined {
  const v: unknown = JSON.parse(text);
  if (!isRecord(v) || v.seq !== seq || typeof v.key !== 'string' || !('body' in v)) return undefined;
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind)) return undefined;
  return {
    seq,
    kind: v.kind as UploadKind,
    key: v.key,
    body: v.body,
    queuedAt: typeof v.queuedAt === 'number' ? v.queuedAt : 0,
  };
}

export class DiskQueue {
  private next: number;
  private readonly seqs: number[];
  private waiters: (() => void)[] = [];

  constructor(
    readonly dir: string,
    readonly limit: number,
    private readonly onFull: (depth: number) => void,
  ) {
    mkdirSync(dir, { recursive: true });
    this.seqs = readdirSync(dir)
      .map((n) => NAME.exec(n)?.[1])
      .filter((s): s is string => s !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    this.next = (this.seqs.at(-1) ?? 0) + 1;
  }

  get depth(): number {
    return this.seqs.length;
  }

  /** Appends an upload; false (and one log line through onFull) when the queue is full. */
  async push(kind: UploadKind, body: unknown): Promise<boolean> {
    if (this.seqs.length >= this.limit) {
      this.onFull(this.seqs.length);
      return false;
    }
    const seq = this.next++;
    const item: QueuedUpload = { seq, kind, key: `bw-${randomUUID()}`, body, queuedAt: Date.now() };
    const tmp = join(this.dir, `.${seq}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(item));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.path(seq));
    this.seqs.push(seq);
    for (const wake of this.waiters.splice(0)) wake();
    return true;
  }

  /** The oldest upload, or undefined. A file that cannot be read as an upload is set aside, not retried forever. */
  async peek(): Promise<QueuedUpload | undefined> {
    while (this.seqs.length > 0) {
      const seq = this.seqs[0] as number;
      try {
        const item = readUpload(await readFile(this.path(seq), 'utf8'), seq);
        if (item) return item;
      } catch {
        // unreadable: set aside like a file of another shape
      }
      await rename(this.path(seq), join(this.dir, `${seq}.corrupt`)).catch(() => {});
      this.seqs.shift();
    }
    return undefined;
  }

  async remove(seq: number): Promise<void> {
    await rm(this.path(seq), { force: true });
    const i = this.seqs.indexOf(seq);
    if (i >= 0) this.seqs.splice(i, 1);
  }

  /** Resolves when something is queued (or after `ms`). */
  wait(ms: number): Promise<void> {
    if (this.seqs.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private path(seq: number): string {
    return join(this.dir, `${String(seq).padStart(12, '0')}.json`);
  }
}
