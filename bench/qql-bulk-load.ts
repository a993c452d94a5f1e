/**
 * Bulk loading of the synthetic inventory for the QQL bench: one pass of the generator
 * feeds both databases, SQLite through prepared statements in large transactions and
 * PostgreSQL through `INSERT … SELECT * FROM unnest($1::type[], …)` (one parameter per
 * column, tens of thousands of rows per statement: COPY speed without a COPY library).
 */
import type Sqlite from 'better-sqlite3';
import type pg from 'pg';
import {
  INVENTORY_TABLES,
  type InventoryRow,
  type InventoryTable,
} from '../src/test-support/qql-inventory.js';

type PgType = 'text' | 'bigint' | 'integer' | 'double precision';

/** Column types for PostgreSQL arrays (SQLite needs none). */
const TYPES: Record<string, PgType> = {
  qid: 'bigint',
  severity: 'integer',
  cvss_score: 'double precision',
  published: 'bigint',
  modified: 'bigint',
  created_at: 'bigint',
  updated_at: 'bigint',
  size: 'bigint',
  created: 'bigint',
  first_seen: 'bigint',
  last_scanned: 'bigint',
  severity1_count: 'integer',
  severity2_count: 'integer',
  severity3_count: 'integer',
  severity4_count: 'integer',
  severity5_count: 'integer',
  max_severity: 'integer',
  state_changed: 'bigint',
  privileged: 'integer',
  is_rogue: 'integer',
  id: 'text',
  software_id: 'bigint',
  first_found: 'bigint',
  last_found: 'bigint',
  closed_at: 'bigint',
  last_checked_in: 'bigint',
  event_occurred: 'bigint',
  tags_count: 'integer',
  last_run: 'bigint',
};

// Tables whose generated `id` is a number (explicit serial ids).
const NUMERIC_ID = new Set<InventoryTable>(['software', 'findings']);

function pgType(table: InventoryTable, column: string): PgType {
  if (column === 'id') return NUMERIC_ID.has(table) ? 'bigint' : 'text';
  return TYPES[column] ?? 'text';
}

const BATCH = 20_000;

export class BulkLoader {
  private readonly pending = new Map<InventoryTable, Record<string, unknown>[]>();
  private readonly statements = new Map<InventoryTable, Sqlite.Statement>();
  readonly counts = new Map<InventoryTable, number>();

  constructor(
    private readonly sqlite: Sqlite.Database,
    /** Null: SQLite only (the re-match bench times SQLite alone). */
    private readonly postgres: pg.Client | null,
  ) {}

  async add(item: InventoryRow): Promise<void> {
    const list = this.pending.get(item.table) ?? [];
    list.push(item.row as Record<string, unknown>);
    this.pending.set(item.table, list);
    if (list.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    for (const table of INVENTORY_TABLES) {
      const rows = this.pending.get(table);
      if (!rows || rows.length === 0) continue;
      this.pending.set(table, []);
      this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
      const columns = Object.keys(rows[0] as object);
      this.toSqlite(table, columns, rows);
      if (this.postgres) await this.toPostgres(table, columns, rows);
    }
  }

  private toSqlite(table: InventoryTable, columns: string[], rows: Record<string, unknown>[]): void {
    let stmt = this.statements.get(table);
    if (!stmt) {
      const names = columns.map((c) => `"${c}"`).join(', ');
      stmt = this.sqlite.prepare(
        `insert into "${table}" (${names}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      this.statements.set(table, stmt);
    }
    const insert = stmt;
    this.sqlite.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
  }

  private async toPostgres(
    table: InventoryTable,
    columns: string[],
    rows: Record<string, unknown>[],
  ): Promise<void> {
    const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
    const names = columns.map((c) => `"${c}"`).join(', ');
    const unnest = columns.map((c, i) => `$${i + 1}::${pgType(table, c)}[]`).join(', ');
    await this.postgres?.query(`insert into "${table}" (${names}) select * from unnest(${unnest})`, arrays);
  }
}

/**
 * Runs `load` with the secondary indexes dropped, then rebuilds them: building an index
 * once over sorted data is far cheaper than keeping it up to date through millions of
 * random inserts. Primary keys and unique constraints stay.
 */
export async function withIndexesRebuiltAfter(
  sqlite: Sqlite.Database,
  postgres: pg.Client | null,
  load: () => Promise<void>,
): Promise<void> {
  const liteIndexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null")
    .all() as { name: string; sql: string }[];
  for (const { name } of liteIndexes) sqlite.exec(`drop index "${name}"`);
  const pgIndexes = !postgres
    ? []
    : (
        await postgres.query<{ indexname: string; indexdef: string }>(
          `select indexname, indexdef from pg_indexes where schemaname = current_schema()
         and indexname not in (select conname from pg_constraint)`,
        )
      ).rows;
  for (const { indexname } of pgIndexes) await postgres?.query(`drop index "${indexname}"`);
  await postgres?.query('set synchronous_commit = off');
  await postgres?.query("set maintenance_work_mem = '512MB'");
  sqlite.pragma('cache_size = -524288');
  await load();
  for (const { sql } of liteIndexes) sqlite.exec(sql);
  for (const { indexdef } of pgIndexes) await postgres?.query(indexdef);
}
