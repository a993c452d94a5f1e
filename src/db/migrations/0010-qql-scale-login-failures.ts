/**
 * Issue 9 at scale: indexes that let QQL's child-collection terms be answered from an
 * index alone at 10 million findings, and the failed-login counters shared by every
 * replica of the server (src/server/login-limiter.ts).
 *
 * `login_failures` holds one fixed window per key (a hash of `user:<name>` or
 * `ip:<address>`): how many failures since `window_start`. One row per key keeps the
 * update a single atomic upsert on both dialects.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialects.js';

export function qqlScaleLoginFailuresMigration(dialect: DialectName) {
  const fold = (column: string): string =>
    dialect === 'postgres' ? `lower("${column}" collate "C")` : `lower("${column}")`;
  // A page is `order by <key> <dir> nulls last, <id>` then `limit`: an index in exactly that
  // order lets the database read the first page and stop. SQLite walks an ascending index
  // backwards for `desc nulls last` (NULL sorts first there) and sorts only ties; PostgreSQL
  // needs the direction, the NULL placement and the bytewise id collation of src/qql/sort.ts.
  const sortIndex = (
    name: string,
    table: string,
    column: string,
    equal: string[] = [],
  ): [string, string, string[]] => {
    const lead = ['"customer_id"', ...equal.map((c) => `"${c}"`)];
    return dialect === 'postgres'
      ? [name, table, [...lead, `"${column}" desc nulls last`, '"id" collate "C"']]
      : [name, table, [...lead, `"${column}"`]];
  };
  const indexes: [name: string, table: string, columns: string[], where?: string][] = [
    // `software.version:3.*` ranges over the folded version, like the name index of 0002.
    ['software_customer_version_folded', 'software', ['"customer_id"', fold('version')]],
    // Rogue containers on some hosts: each host's rogue containers are one index range.
    ['containers_customer_host_rogue', 'containers', ['"customer_id"', '"host_id"', '"is_rogue"']],
    // The default sort of both lists, and "most severity-5 findings first".
    sortIndex('images_customer_created_page', 'images', 'created'),
    sortIndex('containers_customer_created_page', 'containers', 'created'),
    sortIndex('images_customer_severity5_page', 'images', 'severity5_count'),
    // `state:RUNNING …` newest first: the state's rows already in page order.
    sortIndex('containers_customer_state_created_page', 'containers', 'created', ['state']),
  ];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('login_failures')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .execute();
      // The sweep of expired windows reads by age.
      await db.schema
        .createIndex('login_failures_window')
        .on('login_failures')
        .column('window_start')
        .execute();
      for (const [name, table, columns, where] of indexes) {
        // Names and expressions are the constants above, never input.
        const partial = where ? sql` where ${sql.raw(where)}` : sql``;
        const list = sql.raw(columns.join(', '));
        await sql`create index ${sql.id(name)} on ${sql.table(table)} (${list})${partial}`.execute(db);
      }
    },
  };
}
