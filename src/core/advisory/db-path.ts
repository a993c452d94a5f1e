import { homedir } from 'node:os';
import { join } from 'node:path';

/** File name of the advisory database inside its directory. */
export const dbFileName = 'vuln.db';

/**
 * Where the advisory database lives unless `--db` says otherwise:
 * `$BULWARK_DB_DIR/vuln.db`, else `$XDG_CACHE_HOME/bulwark/db/vuln.db`,
 * else `~/.cache/bulwark/db/vuln.db`.
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BULWARK_DB_DIR) return join(env.BULWARK_DB_DIR, dbFileName);
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(cacheHome, 'bulwark', 'db', dbFileName);
}
