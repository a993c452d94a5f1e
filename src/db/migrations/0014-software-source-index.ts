/**
 * A re-match after a small database update reads only the packages the changed advisories
 * name. Binary names are found through the folded name index (0013); Debian and other distro
 * advisories name the *source* package, which had no index, so finding those rows meant
 * reading the whole software table (13 s at 4 million rows). Only rows with a source name
 * are indexed.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';
import { folded } from '../fold.js';

const NAME = 'software_customer_source_folded';

export function softwareSourceIndexMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const source = folded(dialect, sql.ref('source_name'));
      await sql`create index ${sql.id(NAME)} on "software" ("customer_id", ${source}) where "source_name" is not null`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex(NAME).execute();
    },
  };
}
