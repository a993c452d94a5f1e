/**
 * Scans waiting to run, at most `concurrency` at once; CI/CD work (priority 0) always runs
 * before anything else. A key already waiting or running is not queued twice, which is
 * how `create` then `start` of one container becomes one scan.
 */
export interface Job {
  key: string;
  priority: number;
  run(): Promise<void>;
}

export class WorkQueue {
  private readonly waiting: Job[] = [];
  private readonly active = new Set<string>();
  private held = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    public concurrency: number,
    private readonly onError: (job: Job, err: unknown) => void,
  ) {}

  add(job: Job): void {
    if (this.active.has(job.key) || this.waiting.some((j) => j.key === job.key)) return;
    this.waiting.push(job);
    this.waiting.sort((a, b) => a.priority - b.priority);
    this.pump();
  }

  /** Hold (inside an inactive window) or release the queue; running scans finish. */
  hold(on: boolean): void {
    this.held = on;
    if (!on) this.pump();
  }

  get size(): number {
    return this.waiting.length + this.active.size;
  }

  /** Resolves when nothing waits or runs. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.held && this.active.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Job;
      this.active.add(job.key);
      job
        .run()
        .catch((err: unknown) => this.onError(job, err))
        .finally(() => {
          this.active.delete(job.key);
          this.pump();
          if (this.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        });
    }
  }
}
