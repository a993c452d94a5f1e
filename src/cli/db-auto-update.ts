/**
 * The first scan without a database downloads one, as Trivy does, unless the user said
 * not to (`--offline`, `--skip-db-update`). Either way, when no database can be had the
 * message says how to get one offline.
 */
import { existsSync } from 'node:fs';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { warn } from './output.js';

function importHint(dbPath: string): string {
  return `import one offline with \`bulwark db import --db ${dbPath} <dir|zip|tar.gz of OSV records>\`, or run \`bulwark db update\` where the network is reachable`;
}

export interface AutoUpdateFlags {
  offline?: boolean;
  skipDbUpdate?: boolean;
}

export async function ensureDatabase(
  dbPath: string,
  flags: AutoUpdateFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (existsSync(dbPath)) return;
  if (flags.offline || flags.skipDbUpdate) {
    const flag = flags.offline ? '--offline' : '--skip-db-update';
    throw new BulwarkError(
      'ADVISORY_DB_MISSING',
      `no vulnerability database at ${dbPath} and ${flag} forbids downloading one: ${importHint(dbPath)}`,
    );
  }
  const source = env.BULWARK_DB_SOURCE;
  warn(
    `no vulnerability database at ${dbPath}: downloading it (bulwark db update)${source ? ` from ${source}` : ''}`,
  );
  try {
    // The updater (HTTP client, OSV readers) loads only when a download is really needed.
    const { updateAdvisories } = await import('../core/advisory/update.js');
    const summary = await updateAdvisories(dbPath, { ...(source ? { source } : {}), env });
    for (const message of summary.warnings) warn(message);
    warn(`database ${summary.dbPath}: ${summary.totalRecords} records`);
  } catch (err) {
    const why = isBulwarkError(err) || err instanceof Error ? err.message : String(err);
    throw new BulwarkError(
      'ADVISORY_DB_MISSING',
      `could not download the vulnerability database (${why}): ${importHint(dbPath)}`,
      {
        cause: err,
      },
    );
  }
}
