/**
 * Jobs shared by server replicas through pg-boss on the platform's PostgreSQL. One queue
 * per job name, policy `stately` (at most one queued and one running: a burst of re-match
 * requests coalesces). A replica that dies mid-job leaves the job active until
 * `expireInSeconds`; pg-boss's maintenance then fails it and, within `retryLimit`, another
 * replica picks it up. Cron schedules are stored in PostgreSQL and fire once across replicas.
 */
import PgBoss from 'pg-boss';
import { JOB_NAMES, type JobContext, type JobName, runJob } from './job-handlers.js';
import type { JobQueue, JobSchedule } from './job-queue.js';

export interface PgBossOptions {
  url: string;
  /** How long a job may run before it counts as abandoned (default 15 min). */
  expireInSeconds?: number;
  /** How often pg-boss looks for abandoned jobs (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** How often an idle worker polls for work (default 2 s). */
  pollingIntervalSeconds?: number;
}

const queueName = (name: JobName) => `bulwark-${name}`;

function cron(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `0 */${minutes / 60} * * *`;
  return `*/${Math.max(1, Math.round(minutes))} * * * *`;
}

export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;

  constructor(
    private readonly ctx: JobContext,
    private readonly schedule: JobSchedule,
    private readonly opts: PgBossOptions,
    onError: (err: unknown) => void,
  ) {
    this.boss = new PgBoss({
      connectionString: opts.url,
      schema: 'pgboss',
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    });
    this.boss.on('error', onError);
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const name of JOB_NAMES) {
      await this.boss.createQueue(queueName(name), {
        name: queueName(name),
        policy: 'stately',
        retryLimit: 3,
        retryDelay: 1,
        expireInSeconds: this.opts.expireInSeconds ?? 900,
      });
      await this.boss.work(
        queueName(name),
        { pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async () => {
          await runJob(name, this.ctx);
        },
      );
    }
    await this.boss.schedule(queueName('retention-purge'), cron(this.schedule.purgeEveryMinutes ?? 60));
    await this.boss.schedule(queueName('rematch'), cron(this.schedule.rematchEveryMinutes ?? 1));
    await this.boss.schedule(queueName('sensor-liveness'), cron(1));
    await this.boss.schedule(queueName('registry-schedules'), cron(1));
    if (this.schedule.dbUpdateEveryHours)
      await this.boss.schedule(queueName('db-update'), cron(this.schedule.dbUpdateEveryHours * 60));
    else await this.boss.unschedule(queueName('db-update'));
  }

  async enqueue(name: JobName): Promise<void> {
    await this.boss.send(queueName(name), {});
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }

  /** Drops everything at once, leaving running jobs active: what a crash looks like to the others. */
  async abandon(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: false });
  }
}
