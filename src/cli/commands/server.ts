/**
 * `bulwark server`. Fastify and Kysely load only when the command runs (dynamic import), so
 * other commands start as fast as before.
 */
import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';

interface ServerFlags {
  host: string;
  port: string;
  dataDir: string;
  databaseUrl?: string;
  tlsCert?: string;
  tlsKey?: string;
  logLevel: string;
  vulnDb?: string;
  dbUpdateInterval?: string;
  dbUpdateSource?: string;
  purgeInterval: string;
  rematchInterval: string;
  sensorSilentMinutes?: string;
  jobTimeout: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new BulwarkError('USAGE', `${flag} "${value}": expected a positive number`);
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new BulwarkError('USAGE', `--port "${value}": expected 0-65535`);
  return n;
}

/** Where the data lives, shared with `bulwark admin`. */
export function databaseTarget(flags: { dataDir: string; databaseUrl?: string }) {
  return flags.databaseUrl ? { url: flags.databaseUrl } : { dataDir: flags.dataDir };
}

export function serverCommand(): Command {
  return new Command('server')
    .description('Run the Bulwark platform: the /csapi/v1.1 REST API over SQLite (default) or PostgreSQL')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '7700')
    .option('--data-dir <dir>', 'embedded SQLite data directory', './data')
    .option('--database-url <url>', 'use PostgreSQL instead: postgres://user:pass@host:port/db')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (needs --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--log-level <level>', 'pino log level (fatal, error, warn, info, debug, trace)', 'info')
    .option(
      '--vuln-db <path>',
      'vulnerability database the server matches with (default <data-dir>/vulndb/vuln.db)',
    )
    .option(
      '--db-update-interval <hours>',
      'run `db update` every N hours (default: never; air-gapped: `db import`)',
    )
    .option('--db-update-source <url|dir>', 'OSV mirror for scheduled updates (URL or directory)')
    .option('--purge-interval <minutes>', 'data-retention purge every N minutes', '60')
    .option(
      '--rematch-interval <minutes>',
      'check the vulnerability database for changes every N minutes',
      '1',
    )
    .option('--sensor-silent-minutes <minutes>', 'a sensor silent this long becomes UNKNOWN', '30')
    .option(
      '--job-timeout <seconds>',
      'a job running longer counts as abandoned and is retried (PostgreSQL)',
      '900',
    )
    .addHelpText(
      'after',
      '\nThe first start on an empty database creates a customer, an admin (BULWARK_ADMIN_USER /\n' +
        'BULWARK_ADMIN_PASSWORD, or a generated password printed once) and a sensor ActivationId.',
    )
    .action(async (flags: ServerFlags) => {
      const port = parsePort(flags.port);
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) {
        throw new BulwarkError('USAGE', '--tls-cert and --tls-key go together');
      }
      const { startServer } = await import('../../server/server-main.js');
      const server = await startServer({
        host: flags.host,
        port,
        target: databaseTarget(flags),
        tls: flags.tlsCert && flags.tlsKey ? { certFile: flags.tlsCert, keyFile: flags.tlsKey } : undefined,
        admin: { username: process.env.BULWARK_ADMIN_USER, password: process.env.BULWARK_ADMIN_PASSWORD },
        logLevel: flags.logLevel,
        jobs: {
          ...(flags.vulnDb ? { vulnDbPath: flags.vulnDb } : {}),
          ...(flags.dbUpdateSource ? { dbUpdateSource: flags.dbUpdateSource } : {}),
          dbUpdateEveryHours: positive('--db-update-interval', flags.dbUpdateInterval),
          purgeEveryMinutes: positive('--purge-interval', flags.purgeInterval),
          rematchEveryMinutes: positive('--rematch-interval', flags.rematchInterval),
          sensorSilentMinutes: positive('--sensor-silent-minutes', flags.sensorSilentMinutes),
          pgBoss: {
            expireInSeconds: positive('--job-timeout', flags.jobTimeout) ?? 900,
            maintenanceIntervalSeconds: Math.min(
              60,
              Math.max(1, Math.floor((positive('--job-timeout', flags.jobTimeout) ?? 900) / 3)),
            ),
            pollingIntervalSeconds: 2,
          },
        },
      });
      const lines = [
        `Bulwark server listening on ${server.url}`,
        `  console:   ${server.url}/`,
        `  API docs:  ${server.url}/docs`,
        `  database:  ${server.location}`,
        `  vuln db:   ${server.jobs.matching.advisories.path}`,
      ];
      if (server.bootstrap) {
        const b = server.bootstrap;
        lines.push(
          `  admin login: ${b.username}${b.generatedPassword ? ` / ${b.generatedPassword}   (generated: shown only now)` : ' (password from BULWARK_ADMIN_PASSWORD)'}`,
          `  ActivationId: ${b.activationId}`,
          `  CustomerId:   ${b.customerId}`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
