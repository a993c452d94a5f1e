import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { defaultCacheDir } from '../../core/cache/layer-cache.js';
import { BulwarkError } from '../../core/errors.js';
import { dbPathFromFlag } from '../db-flag.js';
import { formatBytes } from '../format.js';
import { emit } from '../output.js';

const targets = ['layers', 'db', 'all'] as const;
type Target = (typeof targets)[number];

/** Bytes under `path` (a file or a directory tree); 0 when it does not exist. */
async function sizeOf(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

/** Removes `path` and says what went: nothing is reported as removed that was not there. */
async function remove(label: string, paths: string[]): Promise<string> {
  let bytes = 0;
  let found = false;
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    found = true;
    bytes += await sizeOf(path);
    await rm(path, { recursive: true, force: true }).catch((err: unknown) => {
      throw new BulwarkError('IO', `${path}: cannot remove (${(err as Error).message})`, { cause: err });
    });
  }
  return found ? `removed ${label}: ${paths[0]} (${formatBytes(bytes)})` : `${label}: nothing at ${paths[0]}`;
}

/** `bulwark cache clean layers|db|all`, as `trivy clean --scan-cache|--vuln-db|--all`. */
function cleanCommand(): Command {
  return new Command('clean')
    .description(
      'remove cached data: layers (per-layer analysis results), db (the vulnerability database) or all',
    )
    .argument('<what>', targets.join(' | '))
    .option('--cache-dir <dir>', 'layer cache directory (default: BULWARK_CACHE_DIR or ~/.cache/bulwark)')
    .option('--db <path>', 'database file (default: $BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)')
    .action(async (what: string, flags: { cacheDir?: string; db?: string }) => {
      if (!targets.includes(what as Target))
        throw new BulwarkError('USAGE', `cache clean "${what}": expected one of ${targets.join(', ')}`);
      const lines: string[] = [];
      if (what === 'layers' || what === 'all')
        lines.push(await remove('layer cache', [join(flags.cacheDir ?? defaultCacheDir(), 'layers')]));
      if (what === 'db' || what === 'all') {
        const db = dbPathFromFlag(flags.db);
        // The database and SQLite's journal files beside it.
        lines.push(await remove('vulnerability database', [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]));
      }
      await emit(lines.join('\n'), undefined);
    });
}

export function cacheCommand(): Command {
  return new Command('cache')
    .description('manage cached data (layer results, vulnerability database)')
    .addCommand(cleanCommand());
}
