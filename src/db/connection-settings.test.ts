/**
 * The session settings `openDatabase` gives every connection: SQLite's page cache (a
 * re-match writes into indexes of gigabytes), and no parallel query workers on PostgreSQL
 * (a list's page and count run side by side), on every pooled connection, not just the first.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../test-support/test-databases.js';
import { SQLITE_CACHE_KIB } from './dialects.js';

it('SQLite connections keep a page cache of SQLITE_CACHE_KIB', async () => {
  const t = await freshDatabase('sqlite', { migrate: false });
  try {
    const rows = await sql<{ cache_size: number }>`pragma cache_size`.execute(t.db);
    assert.equal(rows.rows[0]?.cache_size, -SQLITE_CACHE_KIB);
  } finally {
    await t.dispose();
  }
});

it('every pooled PostgreSQL connection runs without parallel workers', async () => {
  const t = await freshDatabase('postgres', { migrate: false });
  try {
    // Held open at once, so the pool opens several connections.
    const answers = await t.db.transaction().execute(async (a) =>
      t.db.transaction().execute(async (b) =>
        Promise.all(
          [a, b, t.db].map(async (db) => {
            const r = await sql<{
              max_parallel_workers_per_gather: string;
            }>`show max_parallel_workers_per_gather`.execute(db);
            const pid = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
            return { setting: r.rows[0]?.max_parallel_workers_per_gather, pid: pid.rows[0]?.pid };
          }),
        ),
      ),
    );
    assert.equal(new Set(answers.map((x) => x.pid)).size, 3, 'three connections');
    for (const x of answers) assert.equal(x.setting, '0');
  } finally {
    await t.dispose();
  }
});
