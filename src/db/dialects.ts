/**
 * Opens the platform database: embedded SQLite (better-sqlite3, WAL) under a data
 * directory by default, or PostgreSQL (pg) from a `postgres://` URL. Callers get the same
 * `Kysely<Database>` either way and never branch on the dialect except where SQL differs
 * (migrations).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { BulwarkError } from '../core/errors.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for logs: a file path or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { dataDir: string } | { url: string };

export const SQLITE_FILE = 'bulwark.db';

export const WAL_AUTOCHECKPOINT_PAGES = 20_000;
export const SQLITE_CACHE_KIB = 65_536;

export function openDatabase(target: DatabaseTarget): OpenedDatabase {
  return 'url' in target ? openPostgres(target.url) : openSqlite(target.dataDir);
}

function openSqlite(dataDir: string): OpenedDatabase {
  const file = join(dataDir, SQLITE_FILE);
  let native: Sqlite.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    native = new Sqlite(file);
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 5000');
    // Checkpoint the WAL every 20,000 pages (~80 MB) instead of 1,000: with the default, a
    // profile of SBOM uploads spent most of each commit in checkpoints (10.7 → 6.2 ms per
    // upload), and `npm run bench sensor` ingests ~25% more SBOMs per second (median of 6).
    native.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // 64 MiB of page cache instead of SQLite's 2 MiB: a re-match writes findings into indexes
    // of gigabytes, and with 2 MiB every insert re-read its B-tree path from the OS, which
    // made a full pass slower per finding the larger the inventory. Filled only as used.
    native.pragma(`cache_size = ${-SQLITE_CACHE_KIB}`);
  } catch (err) {
    throw new BulwarkError('DB_UNAVAILABLE', `cannot open SQLite database ${file}: ${String(err)}`, {
      cause: err,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

// int8 (counts, epoch milliseconds, bigserial ids) and numeric arrive as strings by default;
// every such value in our schema fits a double exactly (< 2^53).
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

function openPostgres(url: string): OpenedDatabase {
  let location = url;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
      throw new Error('not postgres:');
    parsed.password = parsed.password ? '***' : '';
    location = parsed.toString();
  } catch (err) {
    throw new BulwarkError('USAGE', `--database-url must be a postgres://… URL (got "${url}")`, {
      cause: err,
    });
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // The API runs many short queries at once (a list's page and its count side by side):
  // parallel workers cost more to start than they save there and take the cores the other
  // queries need (a capped count at 100,000 images: 140 → 87 ms without them). A SET on each
  // new connection rather than a startup option, which connection poolers such as PgBouncer
  // refuse; queued before the connection's first query.
  pool.on('connect', (client) => {
    client.query('set max_parallel_workers_per_gather = 0').catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}
