/**
 * Indexes for QQL filters (owned by src/qql; see its compiler). QQL compares strings
 * folded to ASCII lower case: `lower(x)` on SQLite and `lower(x COLLATE "C")` on
 * PostgreSQL, so equality and `prefix*` ranges can use an index only on that very
 * expression, which differs per dialect. The other columns serve child-collection
 * lookups (`host.hostname` on containers), date filters on scan times, and the semi-joins
 * over open findings (partial, covering indexes: no table access per finding).
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';

export function qqlIndexesMigration(dialect: DialectName) {
  const fold = (column: string): string =>
    dialect === 'postgres' ? `lower("${column}" collate "C")` : `lower("${column}")`;
  const indexes: [name: string, table: string, columns: string[], where?: string][] = [
    // Covering, open findings only: "which assets have this CVE / this package's flaws".
    [
      'findings_open_vulnerability',
      'findings',
      ['"vulnerability_id"', '"customer_id"', '"asset_type"', '"asset_uuid"'],
      'closed_at is null',
    ],
    [
      'findings_open_software',
      'findings',
      ['"software_id"', '"customer_id"', '"vulnerability_id"'],
      'closed_at is null',
    ],
    ['software_customer_name_folded', 'software', ['"customer_id"', fold('name')]],
    ['image_repos_customer_repository_folded', 'image_repos', ['"customer_id"', fold('repository')]],
    ['image_repos_customer_tag_folded', 'image_repos', ['"customer_id"', fold('tag')]],
    ['image_labels_customer_value_folded', 'image_labels', ['"customer_id"', fold('value')]],
    ['image_labels_customer_key_folded', 'image_labels', ['"customer_id"', fold('key')]],
    ['container_labels_customer_value_folded', 'container_labels', ['"customer_id"', fold('value')]],
    ['container_labels_customer_key_folded', 'container_labels', ['"customer_id"', fold('key')]],
    ['hosts_customer_hostname_folded', 'hosts', ['"customer_id"', fold('hostname')]],
    ['containers_customer_name_folded', 'containers', ['"customer_id"', fold('name')]],
    ['containers_customer_host', 'containers', ['"customer_id"', '"host_id"']],
    ['containers_customer_last_scanned', 'containers', ['"customer_id"', '"last_scanned"']],
    ['images_customer_last_scanned', 'images', ['"customer_id"', '"last_scanned"']],
  ];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [name, table, columns, where] of indexes) {
        // Names and expressions are the constants above, never input.
        const partial = where ? sql` where ${sql.raw(where)}` : sql``;
        const list = sql.raw(columns.join(', '));
        await sql`create index ${sql.id(name)} on ${sql.table(table)} (${list})${partial}`.execute(db);
      }
    },
  };
}
