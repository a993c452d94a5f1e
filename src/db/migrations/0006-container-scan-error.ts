/**
 * Containers get the `scan_error` images already have: why an uploaded SBOM could not be
 * checked (no vulnerability database, no advisories for its OS release), so the API
 * answers "not checked" instead of zero counts. Additive: one nullable column.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function containerScanErrorMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('containers').addColumn('scan_error', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('containers').dropColumn('scan_error').execute();
    },
  };
}
