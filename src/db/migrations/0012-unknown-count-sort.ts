/**
 * QQL sorts an unchecked asset's counters as unknown, last (src/qql/sort.ts): the sort key of
 * "most severity-5 findings first" is `case when scan_error is null then severity5_count end`,
 * which the plain column index of 0010 cannot serve. This indexes that expression in page
 * order (as 0010 does for the column), so the first page is still read, not sorted.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';

const NAME = 'images_customer_checked_severity5_page';

export function unknownCountSortMigration(dialect: DialectName) {
  const key = sql`(case when "scan_error" is null then "severity5_count" end)`;
  const columns =
    dialect === 'postgres'
      ? sql`"customer_id", ${key} desc nulls last, "id" collate "C"`
      : sql`"customer_id", ${key}`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index ${sql.id(NAME)} on "images" (${columns})`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex(NAME).execute();
    },
  };
}
