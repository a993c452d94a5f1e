/**
 * Issue 9 at full scale (100,000 images, 10 million findings): QQL's child-collection
 * terms answered from indexes alone, without a table row per candidate.
 *
 * - The driving `IN (select <parent key> from <child> where customer_id = ? and <folded
 *   column> …)` reads the parent key from the index: the folded indexes of 0002 and 0010
 *   gain it as their last column.
 * - The other terms of a conjunction are correlated `EXISTS (… where <parent key> = ? and
 *   customer_id = ? and <folded column> …)`, one per candidate: the per-parent indexes gain
 *   the customer and the folded columns, so each check stays inside one index page instead
 *   of reading every package (or label, or tag) row of the candidate.
 * - `software.name:x` on vulnerabilities joins software to findings: the customer's
 *   findings by software also carry the vulnerability id; and the vulnerabilities list's
 *   own scope ("some open finding of this customer") is checked inside the index.
 * - (The id lookups of a driving `IN`'s candidates came later, in 0014.)
 *
 * Each replaced index is dropped: every index on these tables is paid on every upload.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';

type IndexDef = [name: string, table: string, columns: string[]];

export function qqlCoveringIndexesMigration(dialect: DialectName) {
  const fold = (column: string): string =>
    dialect === 'postgres' ? `lower("${column}" collate "C")` : `lower("${column}")`;
  const q = (column: string) => `"${column}"`;
  const replaced = [
    'software_customer_name_folded',
    'software_customer_version_folded',
    'software_customer_asset',
    'image_repos_customer_repository_folded',
    'image_repos_customer_tag_folded',
    'image_repos_image',
    'image_labels_customer_value_folded',
    'image_labels_customer_key_folded',
    'image_labels_image',
    'container_labels_customer_value_folded',
    'container_labels_customer_key_folded',
    'container_labels_container',
    'findings_customer_software',
    'findings_customer',
  ];
  const created: IndexDef[] = [
    ['software_customer_name_folded_asset', 'software', [q('customer_id'), fold('name'), q('asset_uuid')]],
    [
      'software_customer_version_folded_asset',
      'software',
      [q('customer_id'), fold('version'), q('asset_uuid')],
    ],
    [
      'software_customer_asset_folded',
      'software',
      [q('customer_id'), q('asset_uuid'), fold('name'), fold('version')],
    ],
    [
      'image_repos_customer_repository_folded_image',
      'image_repos',
      [q('customer_id'), fold('repository'), q('image_uuid')],
    ],
    [
      'image_repos_customer_tag_folded_image',
      'image_repos',
      [q('customer_id'), fold('tag'), q('image_uuid')],
    ],
    [
      'image_repos_image_folded',
      'image_repos',
      [q('image_uuid'), q('customer_id'), fold('repository'), fold('tag')],
    ],
    [
      'image_labels_customer_value_folded_image',
      'image_labels',
      [q('customer_id'), fold('value'), q('image_uuid')],
    ],
    [
      'image_labels_customer_key_folded_image',
      'image_labels',
      [q('customer_id'), fold('key'), q('image_uuid')],
    ],
    [
      'image_labels_image_folded',
      'image_labels',
      [q('image_uuid'), q('customer_id'), fold('key'), fold('value')],
    ],
    [
      'container_labels_customer_value_folded_container',
      'container_labels',
      [q('customer_id'), fold('value'), q('container_uuid')],
    ],
    [
      'container_labels_customer_key_folded_container',
      'container_labels',
      [q('customer_id'), fold('key'), q('container_uuid')],
    ],
    [
      'container_labels_container_folded',
      'container_labels',
      [q('container_uuid'), q('customer_id'), fold('key'), fold('value')],
    ],
    [
      'findings_customer_software_vulnerability',
      'findings',
      [q('customer_id'), q('software_id'), q('closed_at'), q('vulnerability_id')],
    ],
  ];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Names and expressions are the constants above, never input.
      for (const [name, table, columns] of created)
        await sql`create index ${sql.id(name)} on ${sql.table(table)} (${sql.raw(columns.join(', '))})`.execute(
          db,
        );
      for (const name of replaced) await sql`drop index ${sql.id(name)}`.execute(db);
    },
  };
}
