/**
 * Runs QQL against real databases for tests: a fresh, migrated database of either dialect
 * seeded with the synthetic inventory, and a helper that returns the ids a filter selects
 * (scoped to one customer the way the server's base queries are).
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import { qqlCatalogs } from '../qql/catalog/index.js';
import { ref } from '../qql/catalog/types.js';
import { type QqlEntity, qqlOrderBy, qqlWhere } from '../qql/index.js';
import { qqlWhereLooked } from '../server/qql-lookups.js';
import { INVENTORY_NOW, type InventorySize, insertInventory, inventoryRows } from './qql-inventory.js';
import { freshDatabase, type TestDatabase } from './test-databases.js';

export const SMALL_INVENTORY: InventorySize = {
  customers: ['cust-a', 'cust-b'],
  imagesPerCustomer: 40,
  containersPerImage: 1.5,
  packagesPerImage: 8,
  findingsPerImage: 6,
  vulnerabilities: 60,
  hostsPerCustomer: 6,
  tricky: true,
};

export async function seededDatabase(
  dialect: DialectName,
  seed = 9,
  size = SMALL_INVENTORY,
): Promise<TestDatabase> {
  const t = await freshDatabase(dialect);
  try {
    await insertInventory(t.db, inventoryRows(seed, size));
  } catch (err) {
    await t.dispose();
    throw err;
  }
  return t;
}

/** The base-query scope of an entity: its customer's rows (vulnerabilities: those it has open findings of). */
export function customerScope(entity: QqlEntity, customerId: string): RawBuilder<SqlBool> {
  const catalog = qqlCatalogs[entity];
  if (entity === 'vulnerabilities') {
    return sql<SqlBool>`exists (select 1 from findings as b_f where b_f.vulnerability_id = vulnerabilities.id and b_f.customer_id = ${customerId} and b_f.closed_at is null)`;
  }
  return sql<SqlBool>`${sql.ref(`${catalog.table}.customer_id`)} = ${customerId}`;
}

export interface QqlRun {
  entity: QqlEntity;
  filter?: string;
  sort?: string;
  customerId?: string;
  now?: number;
  /** Run the filter's value lookups first, as the server's list routes do. */
  lookups?: boolean;
}

/** Ids selected by a filter, in the order of `sort` (or sorted as strings when no sort is given). */
export async function qqlIds(t: TestDatabase, run: QqlRun): Promise<string[]> {
  const catalog = qqlCatalogs[run.entity];
  const customerId = run.customerId ?? 'cust-a';
  const options = { dialect: t.dialect, customerId, now: run.now ?? INVENTORY_NOW };
  const where = run.lookups
    ? await qqlWhereLooked(t.db, run.entity, run.filter, options)
    : qqlWhere(run.entity, run.filter, options);
  const order = run.sort
    ? qqlOrderBy(run.entity, run.sort, { dialect: t.dialect }).map(
        (o) => sql`${o.expression} ${sql.raw(o.direction)} nulls last`,
      )
    : [sql`${ref(catalog.key)} asc`];
  const result = await sql<{
    id: string | number;
  }>`select ${ref(catalog.key)} as id from ${sql.table(catalog.table)} where ${customerScope(run.entity, customerId)} and ${where} order by ${sql.join(order)}`.execute(
    t.db,
  );
  const ids = result.rows.map((r) => String(r.id));
  // Without a sort the answer is a set: compare it in one (JavaScript) order on both dialects.
  return run.sort ? ids : ids.sort();
}
