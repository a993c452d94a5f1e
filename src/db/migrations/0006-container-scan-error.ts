/**
 * Containers get the `scan_error` images already have: why an uploaded SBOM could not be
 * checked (no vulnerability database, no advisories for its OS release), so the API
 * answers "not checked" instead of zero counts. Additive: one nullable column.
 *
 * And indexes led by `customer_id` for the per-asset reads ingest and matching make
 * through TenantScope (`customer_id = ? and asset_uuid = ?`…): without statistics SQLite
 * otherwise picks any index starting with `customer_id` and scans the customer's whole
 * inventory per upload — ingest got slower as the inventory grew. `software_asset`
 * (asset_uuid alone) is dropped: every read of it is tenant-scoped, so the new index serves
 * them, and each index on `software` is paid for on every upload's commit.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

const indexes: [name: string, table: string, columns: string[]][] = [
  ['software_customer_asset', 'software', ['customer_id', 'asset_uuid']],
  ['findings_customer_asset', 'findings', ['customer_id', 'asset_uuid', 'closed_at']],
  ['findings_customer_software', 'findings', ['customer_id', 'software_id', 'closed_at']],
  ['containers_customer_image_scanned', 'containers', ['customer_id', 'image_uuid', 'last_scanned']],
];

export function containerScanErrorMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('containers').addColumn('scan_error', 'text').execute();
      for (const [name, table, columns] of indexes)
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      await db.schema.dropIndex('software_asset').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('software_asset').on('software').column('asset_uuid').execute();
      for (const [name] of indexes) await db.schema.dropIndex(name).execute();
      await db.schema.alterTable('containers').dropColumn('scan_error').execute();
    },
  };
}
