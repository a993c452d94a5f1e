/**
 * What a token catalog is made of. Each entity (images, containers, ...) has one catalog
 * file listing its tokens; the catalog is the single source for validation, for the SQL
 * a token compiles to, for sorting and for the console's autocomplete.
 *
 * SQL here is built from constants only (table and column names checked against
 * `src/db/schema.ts` by the helpers below); user values never reach it as text.
 *
 * Alias convention (the server's base queries must follow it):
 * - the entity's main table is selected under its own name, without an alias
 *   (`db.selectFrom('images')`), and token columns reference it as `images.created`;
 * - QQL subqueries alias their tables `q_<something>`; base queries must not use
 *   aliases starting with `q_`.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Database, TableName } from '../../db/schema.js';

/**
 * - keyword: whole-value match, `*` wildcards (ids, names, tags);
 * - text: matches anywhere in the value unless `*` says where (titles, commands);
 * - number, date: `:`, comparisons, ranges; dates also `now-24h` and ISO forms;
 * - boolean: true/false; enum: one of `values`, case-insensitive, wildcards allowed;
 * - severity: a 1-5 number answered from the `severityN_count` columns of the main table.
 */
export type QqlTokenType = 'keyword' | 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'severity';

/** A column of a table, under the alias it has in the query (its table name for the root). */
export interface QqlColumn {
  readonly alias: string;
  readonly column: string;
}

/**
 * A child collection (or a one-to-one neighbour) reached by a semi-join: "some row of it
 * matches". `from` is the FROM clause of the subquery (tables aliased `q_*`), `childKey`
 * is matched to `rootKey`, and `customer` is the subquery's tenant column, always
 * restricted to the caller's customer (on top of the correlation, so a child row of
 * another customer can never make a row match).
 */
export interface QqlRelation {
  readonly name: string;
  readonly from: RawBuilder<unknown>;
  readonly childKey: QqlColumn;
  readonly rootKey: QqlColumn;
  /** Absent only for tables of shared reference data (vulnerability aliases). */
  readonly customer?: QqlColumn;
  /** Extra fixed restriction, e.g. only open findings of images. */
  readonly where?: RawBuilder<unknown>;
}

export interface QqlTokenDef {
  /** The token as users write it: `vulnerabilities.severity`. */
  readonly token: string;
  /** Other spellings accepted for the same token (`lastVmScanDate` for `lastScanned`). */
  readonly aliases?: readonly string[];
  readonly type: QqlTokenType;
  readonly description: string;
  /** For `enum`: the stored values (canonical spelling). */
  readonly values?: readonly string[];
  /**
   * For `keyword`: the stored values are always in this case (hex digests in lower case,
   * CVE ids in upper case), so equality can compare the column as stored and use its
   * index. Without it, comparisons fold both sides to ASCII lower case.
   */
  readonly storedCase?: 'upper' | 'lower';
  readonly column: QqlColumn;
  /** Absent: a column of the entity's main table. */
  readonly via?: QqlRelation;
  /** Offered to `sort=`; only main-table columns can be. */
  readonly sortable?: boolean;
  /**
   * Few distinct values, each on a large share of the rows (`repo.tag:latest`, a label
   * key): an exact value of such a token is a poor driver for a conjunction, so a prefix
   * of another token drives instead (src/qql/compile.ts, `drivingTerm`).
   */
  readonly fewValues?: boolean;
  /** Set when the term's answer can be unknown for a row (see `QqlUnknownWhile`). */
  readonly unknownWhile?: QqlUnknownWhile;
  /** See `QqlLookupDef`. */
  readonly lookup?: QqlLookupDef;
}

/** The value lookups the server can run before compiling (src/server/qql-lookups.ts). */
export type QqlLookupName = 'vulnerability-ids-by-cve';

/**
 * An equality term whose value the server can turn into values of another column before
 * compiling: `vulnerabilities.cve:CVE-X` becomes "a finding whose vulnerability id is one of
 * (…)". The result is the same; the gain is PostgreSQL's: the ids are constants, so the
 * planner sees how common the vulnerability is (its statistics) instead of guessing from a
 * join, and picks hash joins for a CVE on 15,000 containers. Without the looked-up values
 * (another caller, a wildcard) the term compiles through `via` as usual.
 */
export interface QqlLookupDef {
  readonly name: QqlLookupName;
  /** The column the looked-up values are compared with… */
  readonly column: QqlColumn;
  /** …reached through this relation. */
  readonly via: QqlRelation;
}

/** Looked-up values by `lookupKey(name, value)`. */
export type QqlLookups = ReadonlyMap<string, readonly string[]>;

export function lookupKey(name: QqlLookupName, value: string): string {
  return `${name}\u0000${value}`;
}

/**
 * When a term is unknown for a row rather than true or false: an asset whose
 * vulnerabilities could not be checked (`scan_error` set) keeps zero counters, and reading
 * them as "no vulnerabilities" would be a false "clean". `column` is non-null on such rows.
 * - `both`: the term and its negation both fail there, and sorts put the row last (the
 *   counters and severities: a partial total is not the total);
 * - `negated`: a positive match is a fact (a finding that was found), only the negation,
 *   "no such finding", fails there.
 */
export interface QqlUnknownWhile {
  readonly column: QqlColumn;
  readonly unknown: 'both' | 'negated';
}

export interface QqlEntityCatalog {
  /** The entity's main table, selected without an alias. */
  readonly table: TableName;
  /** Its primary key, the last sort key of every order so pages are stable. */
  readonly key: QqlColumn;
  readonly defaultSort: { readonly token: string; readonly direction: 'asc' | 'desc' };
  readonly tokens: readonly QqlTokenDef[];
}

/** A column of `table`, checked against the schema, under `alias` (the table name by default). */
export function col<T extends TableName>(
  table: T,
  column: keyof Database[T] & string,
  alias?: string,
): QqlColumn {
  return { alias: alias ?? table, column };
}

/** `table as alias` for a subquery's FROM clause. */
export function tableAs(table: TableName, alias: `q_${string}`): RawBuilder<unknown> {
  return sql`${sql.table(table)} as ${sql.id(alias)}`;
}

export function ref(column: QqlColumn): RawBuilder<unknown> {
  return sql.ref(`${column.alias}.${column.column}`);
}
