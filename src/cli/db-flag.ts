import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dbFileName, defaultDbPath } from '../core/advisory/db-path.js';
import { BulwarkError } from '../core/errors.js';

/**
 * The database file `--db` names (or the default). `--db` takes the file, as Trivy's
 * `--cache-dir` does not: a directory is a common slip, so it is named as such
 * instead of surfacing as an SQLite "unable to open" error.
 */
export function dbPathFromFlag(flag: string | undefined): string {
  if (flag === undefined) return defaultDbPath();
  const info = statSync(flag, { throwIfNoEntry: false });
  if (info?.isDirectory()) {
    throw new BulwarkError(
      'USAGE',
      `--db ${flag}: is a directory; give the database file (e.g. ${join(flag, dbFileName)}) or set BULWARK_DB_DIR`,
    );
  }
  return flag;
}
