/**
 * Two lookups that read whole tables at 100,000 images:
 *
 * - A re-match after a small database update reads only the packages the changed advisories
 *   name. Binary names are found through the folded name index (0013); distro advisories
 *   name the *source* package, which had no index, so finding those rows read the whole
 *   software table (13 s at 4 million rows). Only rows with a source name are indexed.
 * - A QQL term that drives through a child table (`vulnerabilities.cve:…`) yields asset ids;
 *   each is then checked for its customer and sorted by `created`. By the unique id index
 *   alone that is a table row per candidate (15,000 for a common CVE); with the customer and
 *   the sort key beside the id it is one index probe (SQLite: 70 → 25 ms for
 *   `vulnerabilities.cve:… and label.value:…` on 300,000 containers).
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';
import { folded } from '../fold.js';

const SOURCE = 'software_customer_source_folded';
const BY_ID = ['images', 'containers'] as const;

export function sourceAndIdLookupIndexesMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const source = folded(dialect, sql.ref('source_name'));
      await sql`create index ${sql.id(SOURCE)} on "software" ("customer_id", ${source}) where "source_name" is not null`.execute(
        db,
      );
      for (const table of BY_ID) {
        // `if not exists`: bench databases tried these by hand before they were a migration.
        await sql`create index if not exists ${sql.id(`${table}_id_customer_created`)} on ${sql.table(table)} ("id", "customer_id", "created")`.execute(
          db,
        );
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex(SOURCE).execute();
      for (const table of BY_ID) await db.schema.dropIndex(`${table}_id_customer_created`).execute();
    },
  };
}
