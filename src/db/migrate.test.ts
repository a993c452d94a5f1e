import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, freshDatabase } from '../test-support/test-databases.js';
import { migrateToLatest } from './migrate.js';

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    it('create every table of the schema, run once, and are a no-op the second time', async () => {
      const t = await freshDatabase(dialect, { migrate: false });
      try {
        const applied = await migrateToLatest(t.db, t.dialect);
        // Later issues append migrations; these come first, in order.
        assert.deepEqual(applied.slice(0, 3), ['0001-initial', '0002-qql-indexes', '0003-matching-jobs']);
        assert.deepEqual(applied, [...applied].sort());
        assert.deepEqual(await migrateToLatest(t.db, t.dialect), []);
        const tables = (await t.db.introspection.getTables()).map((x) => x.name).sort();
        for (const name of [
          'customers',
          'images',
          'containers',
          'findings',
          'software',
          'deletion_jobs',
          'console_dashboards',
        ]) {
          assert.ok(tables.includes(name), `${name} in ${tables.join(',')}`);
        }
        // Epoch milliseconds beyond 2^31 round-trip as numbers on both dialects.
        await t.db
          .insertInto('customers')
          .values({ id: 'c1', name: 'one', created_at: 1_700_000_000_123 })
          .execute();
        const row = await t.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
        assert.equal(row.created_at, 1_700_000_000_123);
        const count = await t.db
          .selectFrom('customers')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(count.n, 1);
      } finally {
        await t.dispose();
      }
    });
  });
}
