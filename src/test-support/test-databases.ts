/**
 * Fresh, migrated platform databases for tests, on both dialects: a SQLite file in a temp
 * dir, and a new database on the provisioned PostgreSQL (dropped afterwards). Tests loop
 * over `DIALECTS` so every repository and route test runs on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DialectName, type OpenedDatabase, openDatabase } from '../db/dialects.js';
import { migrateToLatest } from '../db/migrate.js';
import { testPostgresUrl } from './components.js';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase extends OpenedDatabase {
  /** `{dataDir}` or `{url}`: how `bulwark server` would be pointed at this database. */
  target: { dataDir: string } | { url: string };
  /** Closes and deletes the database. */
  dispose(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. `with (force)` ends our own leftover connections, but an autovacuum
 * worker in the database can refuse it (42501) or keep it busy (55006) for a moment when the
 * role lacks pg_signal_backend; the worker ends on its own, so wait and try again.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 50 || (code !== '42501' && code !== '55006')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A fresh database of the given dialect, migrated unless `migrate: false`. */
export async function freshDatabase(
  dialect: DialectName,
  opts: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let opened: OpenedDatabase;
  let target: TestDatabase['target'];
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-db-'));
    target = { dataDir };
    opened = openDatabase(target);
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const name = `bulwark_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(testPostgresUrl());
    url.pathname = `/${name}`;
    target = { url: url.toString() };
    opened = openDatabase(target);
    cleanup = () => dropDatabase(name);
  }
  if (opts.migrate !== false) await migrateToLatest(opened.db, opened.dialect);
  return {
    ...opened,
    target,
    async dispose() {
      await opened.close();
      await cleanup();
    },
  };
}
