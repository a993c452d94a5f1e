/**
 * QQL, the query language of `filter=` and `sort=`: the API the server calls.
 *
 *   const where = qqlWhere('images', req.query.filter, { dialect, customerId });
 *   const order = qqlOrderBy('images', req.query.sort, { dialect });
 *   let q = db.selectFrom('images').where('images.customer_id', '=', customerId).where(where);
 *   q = applyQqlOrder(q, order);
 *
 * Base-query convention: select the entity's main table (`qqlTable(entity)`) under its
 * own name, without an alias, so token columns like `images.created` resolve. QQL's
 * subqueries alias their tables `q_*`; do not use such aliases in base queries. The
 * filter restricts child collections (findings, software, labels…) to `customerId`, but
 * the base query must still scope the main table to the customer itself — except for
 * `vulnerabilities`, shared reference data, whose base query must keep only
 * vulnerabilities with an open finding of the customer.
 *
 * Errors are `QqlError` (a `BulwarkError` with code QQL_SYNTAX, QQL_UNKNOWN_TOKEN,
 * QQL_BAD_VALUE or QQL_TOO_COMPLEX and a 1-based `column`): answer them with 400.
 */
import type { RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import type { TableName } from '../db/schema.js';
import type { QqlNode } from './ast.js';
import { type QqlEntity, qqlCatalogs } from './catalog/index.js';
import type { QqlLookupName, QqlLookups, QqlTokenType } from './catalog/types.js';
import { compileNode, lookupValue, resolveToken } from './compile.js';
import { parseQql } from './parser.js';
import { compileSort, type QqlOrderItem } from './sort.js';

export type { QqlNode } from './ast.js';
export type { QqlEntity } from './catalog/index.js';
export type { QqlLookupName, QqlLookups, QqlTokenType } from './catalog/types.js';
export { lookupKey } from './catalog/types.js';
export { formatQql } from './format.js';
export { QqlError } from './qql-error.js';
export type { QqlDirection, QqlOrderItem } from './sort.js';
export { parseQql };

export const QQL_ENTITIES = Object.keys(qqlCatalogs) as QqlEntity[];

export interface QqlOptions {
  readonly dialect: DialectName;
  /** The caller's customer: every child subquery is restricted to it. */
  readonly customerId: string;
  /** What `now` means in date values, epoch ms; defaults to the current time. */
  readonly now?: number;
  /** Values looked up for the filter's lookup terms (`qqlLookupRequests`); optional. */
  readonly lookups?: QqlLookups;
}

/** The entity's main table, to be selected without an alias. */
export function qqlTable(entity: QqlEntity): TableName {
  return qqlCatalogs[entity].table;
}

/**
 * A boolean expression for `.where(...)` of the entity's base query. A blank or absent
 * filter gives a condition that is always true. Throws `QqlError` on a bad filter.
 */
export function qqlWhere(
  entity: QqlEntity,
  filter: string | undefined,
  options: QqlOptions,
): RawBuilder<SqlBool> {
  return prepareQql(entity, filter).compile(options);
}

/** A filter parsed once: the lookups it can use (see `QqlLookupDef`), then its compile. */
export interface PreparedQql {
  readonly lookups: readonly { name: QqlLookupName; value: string }[];
  compile(options: QqlOptions): RawBuilder<SqlBool>;
}

/** Parses a filter (throws `QqlError`) for a caller that runs its lookups before compiling. */
export function prepareQql(entity: QqlEntity, filter: string | undefined): PreparedQql {
  const text = filter ?? '';
  const node = parseQql(text);
  return {
    lookups: node ? lookupRequests(entity, node) : [],
    compile: (options) => (node ? compileQql(entity, node, text, options) : sql<SqlBool>`1 = 1`),
  };
}

/** Compiles an already parsed filter (`text` is the filter it came from, for error columns). */
export function compileQql(
  entity: QqlEntity,
  node: QqlNode,
  text: string,
  options: QqlOptions,
): RawBuilder<SqlBool> {
  return compileNode(node, {
    dialect: options.dialect,
    customerId: options.customerId,
    now: options.now ?? Date.now(),
    text,
    catalog: qqlCatalogs[entity],
    ...(options.lookups ? { lookups: options.lookups } : {}),
  });
}

function lookupRequests(entity: QqlEntity, node: QqlNode): { name: QqlLookupName; value: string }[] {
  const out: { name: QqlLookupName; value: string }[] = [];
  const walk = (n: QqlNode): void => {
    if (n.kind === 'and' || n.kind === 'or') n.items.forEach(walk);
    else if (n.kind === 'not') walk(n.item);
    else {
      const def = resolveToken(qqlCatalogs[entity], n.token);
      const value = def ? lookupValue(def, n) : undefined;
      if (def?.lookup && value !== undefined) out.push({ name: def.lookup.name, value });
    }
  };
  walk(node);
  return out;
}

/** ORDER BY items for `sort=` (`created:desc` or `[{"created":"desc"}]`); the catalog's default when blank. */
export function qqlOrderBy(
  entity: QqlEntity,
  sort: string | undefined,
  options: { readonly dialect: DialectName },
): readonly QqlOrderItem[] {
  return compileSort(qqlCatalogs[entity], sort, options.dialect);
}

/** Applies `qqlOrderBy` items to a select query, NULLs last. */
export function applyQqlOrder<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  order: readonly QqlOrderItem[],
): SelectQueryBuilder<DB, TB, O> {
  return order.reduce(
    (q, item) =>
      q.orderBy(item.expression, (ob) => (item.direction === 'asc' ? ob.asc() : ob.desc()).nullsLast()),
    query,
  );
}

export interface QqlCatalogEntry {
  readonly token: string;
  readonly aliases: readonly string[];
  readonly type: QqlTokenType;
  readonly description: string;
  /** For enum tokens, the accepted values. */
  readonly values?: readonly string[];
  readonly sortable: boolean;
}

/** The tokens of an entity, for autocomplete and documentation. */
export function qqlCatalog(entity: QqlEntity): QqlCatalogEntry[] {
  return qqlCatalogs[entity].tokens.map((t) => ({
    token: t.token,
    aliases: t.aliases ?? [],
    type: t.type,
    description: t.description,
    ...(t.values ? { values: t.values } : {}),
    sortable: t.sortable === true,
  }));
}
