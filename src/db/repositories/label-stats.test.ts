/**
 * `topLabels` on both dialects with the seed inventory of two customers: per-customer
 * counts, ties ordered by key and value, and the 0009 covering index in place (SQLite's
 * plan reads it; PostgreSQL lists it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedInventory } from '../../test-support/seed-inventory.js';
import { DIALECTS, freshDatabase } from '../../test-support/test-databases.js';
import { TenantScope } from '../tenant.js';
import { createCustomer } from './accounts-repository.js';
import { writeImage } from './inventory-writer.js';
import { topLabels } from './label-stats-repository.js';

for (const dialect of DIALECTS) {
  describe(`top labels (${dialect})`, () => {
    it('counts the assets carrying each label key=value, per customer, most common first', async () => {
      const t = await freshDatabase(dialect);
      try {
        const a = new TenantScope(t.db, await createCustomer(t.db, 'a'));
        const b = new TenantScope(t.db, await createCustomer(t.db, 'b'));
        await seedInventory(a, 'a');
        await seedInventory(b, 'b');
        for (const n of [1, 2]) {
          await writeImage(a, {
            sha: String(n).repeat(64),
            repos: [],
            labels: [
              { key: 'team', value: 'payments' },
              { key: 'org.label-schema.vendor', value: 'vendor-a' },
            ],
          });
        }
        assert.deepEqual(await topLabels(a, 'images', 10), [
          { key: 'org.label-schema.vendor', value: 'vendor-a', count: 3 },
          { key: 'team', value: 'payments', count: 2 },
        ]);
        assert.deepEqual(await topLabels(a, 'images', 1), [
          { key: 'org.label-schema.vendor', value: 'vendor-a', count: 3 },
        ]);
        assert.deepEqual(await topLabels(b, 'images', 10), [
          { key: 'org.label-schema.vendor', value: 'vendor-b', count: 1 },
        ]);
        assert.deepEqual(await topLabels(b, 'containers', 10), [
          { key: 'org.label-schema.name', value: 'base-b', count: 1 },
        ]);
        if (dialect === 'sqlite') {
          const plan = await sql<{
            detail: string;
          }>`explain query plan select key, value, count(*) from image_labels where customer_id = ${a.customerId} group by key, value`.execute(
            t.db,
          );
          assert.match(
            plan.rows.map((r) => r.detail).join('\n'),
            /COVERING INDEX image_labels_customer_key_value/,
          );
        } else {
          const idx = await sql<{
            indexname: string;
          }>`select indexname from pg_indexes where indexname like '%labels_customer_key_value'`.execute(
            t.db,
          );
          assert.deepEqual(idx.rows.map((r) => r.indexname).sort(), [
            'container_labels_customer_key_value',
            'image_labels_customer_key_value',
          ]);
        }
      } finally {
        await t.dispose();
      }
    });
  });
}
