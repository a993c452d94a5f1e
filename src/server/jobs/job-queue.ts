/**
 * Where jobs run. Embedded (SQLite): timers in this process. PostgreSQL: pg-boss, so that
 * several `bulwark server` replicas share one queue — each job runs once, a job whose
 * replica died is retried by another once it expires, and cron schedules fire once.
 */
import { OPTIMIZE_EVERY_MS } from '../../db/planner-statistics.js';
import { type JobContext, type JobName, runJob } from './job-handlers.js';

export interface JobSchedule {
  /** Minutes between retention purges (default 60). */
  purgeEveryMinutes?: number;
  /** Minutes between checks of the vulnerability database for changes to re-match (default 1). */
  rematchEveryMinutes?: number;
  /** Hours between `db update` runs; absent: no scheduled update (air-gapped: `db import`). */
  dbUpdateEveryHours?: number;
  /** Minutes of silence after which a sensor becomes UNKNOWN (default 30; checked every minute). */
  sensorSilentMinutes?: number;
}

export interface JobQueue {
  start(): Promise<void>;
  /** Asks for a run now (an API action, a finished import). */
  enqueue(name: JobName): Promise<void>;
  stop(): Promise<void>;
}

/** Embedded mode: one process, timers; a job never overlaps itself. */
export class InProcessJobQueue implements JobQueue {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<JobName, Promise<unknown>>();

  constructor(
    private readonly ctx: JobContext,
    private readonly schedule: JobSchedule,
    private readonly onError: (name: JobName, err: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const every = (name: JobName, ms: number) => {
      const timer = setInterval(() => void this.enqueue(name), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every('retention-purge', (this.schedule.purgeEveryMinutes ?? 60) * 60_000);
    every('rematch', (this.schedule.rematchEveryMinutes ?? 1) * 60_000);
    every('sensor-liveness', 60_000);
    every('registry-schedules', 60_000);
    // Embedded SQLite keeps its planner statistics current (src/db/planner-statistics.ts).
    every('planner-statistics', OPTIMIZE_EVERY_MS);
    if (this.schedule.dbUpdateEveryHours) every('db-update', this.schedule.dbUpdateEveryHours * 3_600_000);
  }

  enqueue(name: JobName): Promise<void> {
    const current = this.running.get(name);
    if (current) return current.then(() => undefined);
    const run = runJob(name, this.ctx)
      .catch((err) => this.onError(name, err))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run.then(() => undefined);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.all([...this.running.values()]);
  }
}
