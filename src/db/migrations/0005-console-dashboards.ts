/**
 * The web console's custom dashboards, one row per dashboard, per customer. Widgets are a
 * JSON document (QQL query + visualisation + size) validated by the route's schema: the
 * console evolves its widget kinds without a migration each time.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function consoleDashboardsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('console_dashboards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('widgets', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('console_dashboards_customer')
        .on('console_dashboards')
        .column('customer_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('console_dashboards').execute();
    },
  };
}
