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
import { type Bootstrap, bootstrapFirstCustomer } from '../db/repositories/accounts-repository.js';
import { type App, type Background, buildApp } from './app.js';

export interface ServerOptions {
  host: string;
  port: number;
  target: DatabaseTarget;
  tls?: { certFile: string; keyFile: string } | undefined;
  admin: { username?: string | undefined; password?: string | undefined };
  logLevel?: string;
}

export interface RunningServer {
  app: App & { background: Background };
  url: string;
  bootstrap: Bootstrap | null;
  location: string;
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
    const app = await buildApp({
      db: opened.db,
      dialect: opened.dialect,
      https,
      logger: { level: opts.logLevel ?? 'info' },
    });
    await app.listen({ host: opts.host, port: opts.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    const url = `${https ? 'https' : 'http'}://${host}:${port}`;
    let closing: Promise<void> | null = null;
    return {
      app,
      url,
      bootstrap,
      location: opened.location,
      close() {
        closing ??= (async () => {
          await app.close();
          await app.background.drain();
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
