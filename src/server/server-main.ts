/**
 * `bulwark server`: open the database (SQLite under the data dir, or PostgreSQL), migrate,
 * create the first customer and admin on an empty database, listen (HTTP or HTTPS), and
 * shut down gracefully: stop accepting, finish in-flight requests and background jobs,
 * then close the database.
 */
import { readFileSync } from 'node:fs';
import { BulwarkError } from '../core/errors.js';
import { type DatabaseTarget, openDatabase } from '../db/dialects.js';
import { migrateToLatest } from '../db/migrate.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { type Bootstrap, bootstrapFirstCustomer } from '../db/repositories/accounts-repository.js';
import { type App, type Background, buildApp } from './app.js';
import { type ServerJobs, type ServerJobsOptions, startServerJobs } from './jobs/server-jobs.js';
import { serverVulnDbPath } from './matching/advisory-source.js';
import { SecretBox } from './registry/secret-box.js';

export interface ServerOptions {
  host: string;
  port: number;
  target: DatabaseTarget;
  tls?: { certFile: string; keyFile: string } | undefined;
  admin: { username?: string | undefined; password?: string | undefined };
  logLevel?: string;
  /** Matching and jobs: vulnerability database path (default `<data-dir>/vulndb/vuln.db`), schedules. */
  jobs?: Partial<ServerJobsOptions>;
}

export interface RunningServer {
  app: App & { background: Background };
  url: string;
  bootstrap: Bootstrap | null;
  location: string;
  jobs: ServerJobs;
  close(): Promise<void>;
}

function readTls(tls: ServerOptions['tls']) {
  if (!tls) return null;
  try {
    return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  } catch (err) {
    throw new BulwarkError('IO', `cannot read TLS certificate or key: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const https = readTls(opts.tls);
  const opened = openDatabase(opts.target);
  try {
    await migrateToLatest(opened.db, opened.dialect);
    const bootstrap = await bootstrapFirstCustomer(opened.db, opts.admin);
    // SQLite's planner statistics, before the first query plans (src/db/planner-statistics.ts).
    await refreshPlannerStatistics(opened.db, opened.dialect, 'open');
    const url = 'url' in opts.target ? opts.target.url : undefined;
    const vulnDbPath =
      opts.jobs?.vulnDbPath ?? serverVulnDbPath('dataDir' in opts.target ? opts.target.dataDir : './data');
    let log: (msg: string, err?: unknown) => void = () => {};
    // Registry secrets: BULWARK_SECRET_KEY(_FILE), else a key file in the SQLite data dir.
    const secrets = SecretBox.fromSource({
      dataDir: 'dataDir' in opts.target ? opts.target.dataDir : undefined,
    });
    const jobs = await startServerJobs(
      opened.db,
      opened.dialect,
      url,
      { ...opts.jobs, vulnDbPath, secrets },
      (m, e) => log(m, e),
    );
    const app = await buildApp({
      db: opened.db,
      dialect: opened.dialect,
      https,
      logger: { level: opts.logLevel ?? 'info' },
      matching: jobs.matching,
      secrets,
    }).catch(async (err) => {
      await jobs.stop();
      throw err;
    });
    log = (msg, err) => app.log.error({ err }, msg);
    await app.listen({ host: opts.host, port: opts.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    const listening = `${https ? 'https' : 'http'}://${host}:${port}`;
    let closing: Promise<void> | null = null;
    return {
      app,
      url: listening,
      bootstrap,
      location: opened.location,
      jobs,
      close() {
        closing ??= (async () => {
          await app.close();
          await app.background.drain();
          await jobs.stop();
          // What this run changed is analysed for the next start; failing here loses nothing.
          await refreshPlannerStatistics(opened.db, opened.dialect, 'close').catch(() => {});
          await opened.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await opened.close();
    if (err instanceof BulwarkError) throw err;
    throw new BulwarkError('DB_UNAVAILABLE', `cannot start the server: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
