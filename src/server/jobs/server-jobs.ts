/**
 * The jobs of one `bulwark server` process: the advisory database it matches against, and
 * the queue its jobs run through — in-process on SQLite, pg-boss on PostgreSQL.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/dialects.js';
import type { SecretSealer } from '../../db/repositories/registries-repository.js';
import type { Database } from '../../db/schema.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import type { MatchContext } from '../matching/match-asset.js';
import type { JobContext } from './job-handlers.js';
import { InProcessJobQueue, type JobQueue, type JobSchedule } from './job-queue.js';
import { PgBossJobQueue, type PgBossOptions } from './pg-boss-queue.js';

export interface ServerJobsOptions extends JobSchedule {
  vulnDbPath: string;
  dbUpdateSource?: string;
  /** pg-boss tuning (PostgreSQL only); tests shorten expiry and polling. */
  pgBoss?: Omit<PgBossOptions, 'url'>;
  /** Opens registry secrets for scheduled registry scans. */
  secrets?: SecretSealer;
  /** Test hook, see `JobContext.onRunning`. */
  onRunning?: JobContext['onRunning'];
}

export interface ServerJobs {
  matching: MatchContext;
  queue: JobQueue;
  runner: string;
  stop(): Promise<void>;
}

export async function startServerJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  databaseUrl: string | undefined,
  opts: ServerJobsOptions,
  log: (msg: string, err?: unknown) => void,
): Promise<ServerJobs> {
  const advisories = new AdvisorySource(opts.vulnDbPath);
  const runner = `${hostname()}:${process.pid}`;
  const ctx: JobContext = {
    db,
    dialect,
    advisories,
    now: () => Date.now(),
    runner,
    ...(opts.sensorSilentMinutes ? { sensorSilentMs: opts.sensorSilentMinutes * 60_000 } : {}),
    ...(opts.dbUpdateSource ? { dbUpdate: { source: opts.dbUpdateSource } } : {}),
    ...(opts.onRunning ? { onRunning: opts.onRunning } : {}),
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
  };
  const queue: JobQueue =
    dialect === 'postgres' && databaseUrl
      ? new PgBossJobQueue(ctx, opts, { url: databaseUrl, ...opts.pgBoss }, (err) =>
          log('job queue error', err),
        )
      : new InProcessJobQueue(ctx, opts, (name, err) => log(`job ${name} failed`, err));
  await queue.start();
  return {
    matching: { advisories, now: ctx.now },
    queue,
    runner,
    async stop() {
      await queue.stop();
      advisories.close();
    },
  };
}
