/**
 * SQLite planner statistics: a server started on a database that holds data has
 * `sqlite_stat1` rows for its tables (none existed before), the periodic job refreshes
 * them after the data grew, and PostgreSQL is left to autovacuum. Connections opened by
 * `openDatabase` checkpoint the WAL every WAL_AUTOCHECKPOINT_PAGES pages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { runJob } from '../server/jobs/job-handlers.js';
import { AdvisorySource } from '../server/matching/advisory-source.js';
import { startServer } from '../server/server-main.js';
import { SMALL_INVENTORY } from '../test-support/qql-db.js';
import { insertInventory, inventoryRows } from '../test-support/qql-inventory.js';
import { freshDatabase } from '../test-support/test-databases.js';
import { openDatabase, WAL_AUTOCHECKPOINT_PAGES } from './dialects.js';
import { refreshPlannerStatistics } from './planner-statistics.js';
import type { Database } from './schema.js';

async function statTables(db: Kysely<Database>): Promise<string[]> {
  const exists = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  if (Number(exists.rows[0]?.n) === 0) return [];
  const rows = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1 order by tbl`.execute(db);
  return rows.rows.map((r) => r.tbl);
}

describe('SQLite planner statistics', () => {
  it('are gathered when the server starts on a database with data', async () => {
    const t = await freshDatabase('sqlite');
    try {
      await insertInventory(t.db, inventoryRows(3, SMALL_INVENTORY));
      assert.deepEqual(await statTables(t.db), [], 'nothing gathers them before');
      await t.close();
      const server = await startServer({
        host: '127.0.0.1',
        port: 0,
        target: t.target,
        admin: { username: 'admin', password: 'stats-pw-12345' },
        logLevel: 'silent',
      });
      // A second connection reads what the server's connection wrote (WAL).
      const reader = openDatabase(t.target);
      try {
        const checkpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
          reader.db,
        );
        assert.equal(checkpoint.rows[0]?.wal_autocheckpoint, WAL_AUTOCHECKPOINT_PAGES);
        const tables = await statTables(reader.db);
        for (const table of ['images', 'containers', 'findings', 'software']) {
          assert.ok(tables.includes(table), `no statistics for ${table}: ${tables.join(', ')}`);
        }
      } finally {
        await reader.close();
        await server.close();
      }
    } finally {
      await t.dispose();
    }
  });

  it('are refreshed by the periodic job once a table grew', async () => {
    const t = await freshDatabase('sqlite');
    const advisories = new AdvisorySource('/nonexistent/bulwark-vuln.db');
    try {
      await insertInventory(t.db, inventoryRows(4, { ...SMALL_INVENTORY, imagesPerCustomer: 2 }));
      await refreshPlannerStatistics(t.db, 'sqlite', 'open');
      const rowsOf = async () =>
        (
          await sql<{
            stat: string;
          }>`select stat from sqlite_stat1 where tbl = 'images' order by idx limit 1`.execute(t.db)
        ).rows[0]?.stat;
      const before = await rowsOf();
      // Sixty copies of every image: a table many times its analysed size.
      const images = await t.db.selectFrom('images').selectAll().execute();
      for (let k = 1; k <= 60; k++) {
        const hex = k.toString(16).padStart(2, '0');
        const copies = images.map((i, n) => ({
          ...i,
          id: `${i.id}-${k}`,
          sha: `${hex}${n}`.padEnd(64, 'f'),
        }));
        await t.db.insertInto('images').values(copies).execute();
      }
      // The planner reads the grown table (as the server's queries would), then the job runs.
      await t.db.selectFrom('images').select('id').where('customer_id', '=', 'cust-a').execute();
      await runJob('planner-statistics', {
        db: t.db,
        dialect: 'sqlite',
        advisories,
        now: Date.now,
        runner: 'test',
      });
      const after = await rowsOf();
      assert.ok(before && after, 'statistics exist');
      assert.ok(Number(after.split(' ')[0]) > Number(before.split(' ')[0]), `${before} → ${after}`);
    } finally {
      advisories.close();
      await t.dispose();
    }
  });

  it('are left to autovacuum on PostgreSQL', async () => {
    const t = await freshDatabase('postgres');
    try {
      assert.deepEqual(await refreshPlannerStatistics(t.db, 'postgres', 'periodic'), { optimized: false });
    } finally {
      await t.dispose();
    }
  });
});
