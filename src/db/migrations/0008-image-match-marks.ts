/**
 * When the server finished processing an image's latest SBOM (stored, then matched), so
 * `bulwark ci` can tell "still processing" (204) from "complete" (200). `scanned_at` copies
 * the `images.last_scanned` the mark is about: a newer upload makes the mark stale until
 * its own matching is done, so a poll never reads a half-matched image as clean.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function imageMatchMarksMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('image_match_marks')
        .addColumn('image_uuid', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('scanned_at', 'bigint', (c) => c.notNull())
        .addColumn('matched_at', 'bigint', (c) => c.notNull())
        .addColumn('vulns_checked', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('image_match_marks_customer')
        .on('image_match_marks')
        .column('customer_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('image_match_marks').execute();
    },
  };
}
