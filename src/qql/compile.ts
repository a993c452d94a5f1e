/**
 * QQL syntax tree → one parameterised boolean SQL expression for Kysely.
 *
 * Every user value is a bound parameter; the only SQL text is made of the catalog's
 * constants. Semantics:
 * - `not` is pushed down to the terms (De Morgan), so each term knows whether it is
 *   negated and all terms are two-valued: a NULL column never matches `field:x`, and
 *   always matches `not field:x`.
 * - A term on a child collection means "some child matches": `key IN (subquery)`; its
 *   negation is "no child matches": `NOT EXISTS (correlated subquery)`. Each term gets
 *   its own subquery, so `vulnerabilities.severity:5 and vulnerabilities.cve:CVE-1*`
 *   asks for an image with some severity-5 finding and some finding of a CVE-1… .
 * - In a conjunction of several such terms only one, the likeliest to be selective (an
 *   exact value before a prefix before an exact value of a token with few values before a
 *   pattern), is an `IN`: it drives the query from
 *   its index. The others are the equivalent correlated `EXISTS`, checked per candidate
 *   row. SQLite builds every `IN` list in full before intersecting, so
 *   `software.name:openssl and software.version:3.*` would otherwise list every package
 *   of version 3.x of the fleet; PostgreSQL plans both forms as the same semi-join.
 * - A term can be unknown for a row (`QqlTokenDef.unknownWhile`: an asset whose
 *   vulnerabilities could not be checked). An unknown term fails, and so does its negation,
 *   so after the De Morgan push-down (`and`/`or` are monotone) a filter matches such a row
 *   only when it holds whatever the unknown values are: never a false "clean".
 * - Strings compare folded to ASCII lower case on both dialects (`lower(x)` on SQLite,
 *   `lower(x COLLATE "C")` on PostgreSQL, which folds ASCII only), so both give the same
 *   answers; `` `exact` `` values compare as stored.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import { folded } from '../db/fold.js';
import type { QqlNode, QqlScalar, QqlTerm, QqlValue, QqlWord } from './ast.js';
import { scalarText } from './ast.js';
import { lookupKey, type QqlEntityCatalog, type QqlLookups, type QqlTokenDef, ref } from './catalog/types.js';
import { failAt } from './qql-error.js';
import { didYouMean } from './suggest.js';
import { asciiLower, asciiUpper, type DateInterval, readBoolean, readDate, readNumber } from './values.js';

export interface CompileContext {
  readonly dialect: DialectName;
  /** Child subqueries are restricted to this customer's rows. */
  readonly customerId: string;
  /** Epoch milliseconds that `now` stands for. */
  readonly now: number;
  /** The filter text, for error columns. */
  readonly text: string;
  readonly catalog: QqlEntityCatalog;
  /** Values the server looked up before compiling (see `QqlLookupDef`). */
  readonly lookups?: QqlLookups;
}

type Sql = RawBuilder<unknown>;

export function compileNode(node: QqlNode, ctx: CompileContext, negated = false): RawBuilder<SqlBool> {
  switch (node.kind) {
    case 'not':
      return compileNode(node.item, ctx, !negated);
    case 'and':
    case 'or': {
      // De Morgan: not (a and b) = not a or not b.
      const conjunction = (node.kind === 'and') !== negated;
      const driver = conjunction ? drivingTerm(node.items, ctx, negated) : undefined;
      return sql<SqlBool>`(${sql.join(
        node.items.map((item) =>
          item.kind === 'term' && driver !== undefined && item !== driver
            ? compileTerm(item, ctx, negated, 'exists')
            : compileNode(item, ctx, negated),
        ),
        conjunction ? sql` and ` : sql` or `,
      )})`;
    }
    case 'term':
      return compileTerm(node, ctx, negated);
  }
}

/**
 * Of a conjunction's items, the positive child-collection term to drive the query (see
 * the header), or undefined when there are fewer than two such terms.
 */
function drivingTerm(items: readonly QqlNode[], ctx: CompileContext, negated: boolean): QqlTerm | undefined {
  if (negated) return undefined;
  const children = items.filter(
    (i): i is QqlTerm => i.kind === 'term' && resolveToken(ctx.catalog, i.token)?.via !== undefined,
  );
  if (children.length < 2) return undefined;
  const rank = (t: QqlTerm): number => {
    const v = t.value;
    if (t.op !== ':' || v.kind === 'range' || v.kind === 'list') return 3;
    // `repo.tag:latest` is on a fifth of the fleet: `repo.repository:library/nginx*` drives better.
    if (v.kind === 'exact' || scalarText(v) !== undefined)
      return resolveToken(ctx.catalog, t.token)?.fewValues ? 1.5 : 0;
    return v.kind === 'word' && asciiPrefix(v) !== undefined ? 1 : 2;
  };
  return children.reduce((best, t) => (rank(t) < rank(best) ? t : best));
}

export function resolveToken(catalog: QqlEntityCatalog, name: string): QqlTokenDef | undefined {
  const lower = name.toLowerCase();
  return catalog.tokens.find(
    (t) => t.token.toLowerCase() === lower || t.aliases?.some((a) => a.toLowerCase() === lower),
  );
}

export function tokenNames(catalog: QqlEntityCatalog): string[] {
  return catalog.tokens.flatMap((t) => [t.token, ...(t.aliases ?? [])]);
}

function compileTerm(
  term: QqlTerm,
  ctx: CompileContext,
  negated: boolean,
  form: 'in' | 'exists' = 'in',
): RawBuilder<SqlBool> {
  const def = resolveToken(ctx.catalog, term.token);
  if (!def) {
    return failAt(
      'QQL_UNKNOWN_TOKEN',
      ctx.text,
      term.offset,
      `unknown token "${term.token}"`,
      didYouMean(term.token, tokenNames(ctx.catalog)),
    );
  }
  const known = termSql(def, term, ctx, negated, form);
  const unknown = def.unknownWhile;
  if (!unknown || (unknown.unknown === 'negated' && !negated)) return known;
  return sql<SqlBool>`(${ref(unknown.column)} is null and ${known})`;
}

function termSql(
  def: QqlTokenDef,
  term: QqlTerm,
  ctx: CompileContext,
  negated: boolean,
  form: 'in' | 'exists',
): RawBuilder<SqlBool> {
  const looked = lookedUp(def, term, ctx);
  const cond = looked?.cond ?? condition(def, term, ctx);
  const rel = looked?.via ?? def.via;
  if (!rel) {
    if (!negated) return cond;
    // Two-valued: a row whose column is NULL does not match the term, so it matches its negation.
    return sql<SqlBool>`(${ref(def.column)} is null or not ${cond})`;
  }
  const scope = rel.customer ? sql`${ref(rel.customer)} = ${ctx.customerId}` : sql`1 = 1`;
  const extra = rel.where ? sql` and ${rel.where}` : sql``;
  if (!negated && form === 'in') {
    return sql<SqlBool>`${ref(rel.rootKey)} in (select ${ref(rel.childKey)} from ${rel.from} where ${scope}${extra} and ${cond})`;
  }
  const some = sql`exists (select 1 from ${rel.from} where ${ref(rel.childKey)} = ${ref(rel.rootKey)} and ${scope}${extra} and ${cond})`;
  return negated ? sql<SqlBool>`not ${some}` : sql<SqlBool>`${some}`;
}

/** The term as the looked-up values of its lookup, when the server ran it for this value. */
function lookedUp(
  def: QqlTokenDef,
  term: QqlTerm,
  ctx: CompileContext,
): { cond: RawBuilder<SqlBool>; via: NonNullable<QqlTokenDef['via']> } | undefined {
  const value = lookupValue(def, term);
  const values =
    def.lookup && value !== undefined ? ctx.lookups?.get(lookupKey(def.lookup.name, value)) : undefined;
  if (!def.lookup || !values) return undefined;
  const cond =
    values.length === 0
      ? sql<SqlBool>`(1 = 0)`
      : sql<SqlBool>`(${ref(def.lookup.column)} in (${sql.join(values)}))`;
  return { cond, via: def.lookup.via };
}

/** The value a lookup term needs looked up: an equality term of a token with a lookup. */
export function lookupValue(def: QqlTokenDef, term: QqlTerm): string | undefined {
  if (!def.lookup || term.op !== ':' || term.value.kind === 'list' || term.value.kind === 'range')
    return undefined;
  return equalityValue(def, term.value);
}

/**
 * The one value a keyword term compares its column with by plain equality (an exact value,
 * or a word without wildcards on a column of known case); undefined for any other match.
 */
function equalityValue(def: QqlTokenDef, value: QqlScalar): string | undefined {
  if (def.type !== 'keyword') return undefined;
  if (value.kind === 'exact') return value.text;
  const text = scalarText(value);
  if (text === undefined) return undefined;
  if (def.storedCase === 'upper') return asciiUpper(text);
  if (def.storedCase === 'lower') return asciiLower(text);
  return undefined;
}

/** The positive condition of one term on its column. */
function condition(def: QqlTokenDef, term: QqlTerm, ctx: CompileContext): RawBuilder<SqlBool> {
  const value = term.value;
  if (def.type === 'severity') return severityCondition(def, term, ctx);
  if (isStar(value) && term.op === ':') return sql<SqlBool>`(${ref(def.column)} is not null)`;
  if (value.kind === 'list') {
    return sql<SqlBool>`(${sql.join(
      value.items.map((item) => scalarCondition(def, ':', item, ctx)),
      sql` or `,
    )})`;
  }
  if (value.kind === 'range') return rangeCondition(def, value.from, value.to, value.inclusive, ctx);
  return scalarCondition(def, term.op, value, ctx);
}

function scalarCondition(
  def: QqlTokenDef,
  op: QqlTerm['op'],
  value: QqlScalar,
  ctx: CompileContext,
): RawBuilder<SqlBool> {
  const c = ref(def.column);
  switch (def.type) {
    case 'keyword':
    case 'text':
      if (op !== ':') return badOperator(def, op, value, ctx);
      return stringCondition(def, value, ctx);
    case 'enum': {
      if (op !== ':') return badOperator(def, op, value, ctx);
      const matches = enumMatches(def, value, ctx);
      return sql<SqlBool>`(${c} in (${sql.join(matches)}))`;
    }
    case 'boolean': {
      if (op !== ':') return badOperator(def, op, value, ctx);
      const b = readBoolean(plain(def, value, ctx));
      if (b === undefined) return badValue(def, value, ctx, 'true or false');
      return sql<SqlBool>`(${c} = ${b ? 1 : 0})`;
    }
    case 'number': {
      const n = readNumber(plain(def, value, ctx));
      if (n === undefined) return badValue(def, value, ctx, 'a number');
      const sqlOp = op === ':' ? '=' : op;
      return sql<SqlBool>`(${c} ${sql.raw(sqlOp)} ${n})`;
    }
    case 'date': {
      const d = date(def, value, ctx);
      switch (op) {
        case ':':
          return sql<SqlBool>`(${c} >= ${d.start} and ${c} < ${d.end})`;
        case '>':
          return sql<SqlBool>`(${c} >= ${d.end})`;
        case '>=':
          return sql<SqlBool>`(${c} >= ${d.start})`;
        case '<':
          return sql<SqlBool>`(${c} < ${d.start})`;
        case '<=':
          return sql<SqlBool>`(${c} < ${d.end})`;
      }
      break;
    }
    case 'severity':
      break;
  }
  throw new Error(`unreachable: ${def.type}`);
}

function rangeCondition(
  def: QqlTokenDef,
  from: QqlScalar,
  to: QqlScalar,
  inclusive: boolean,
  ctx: CompileContext,
): RawBuilder<SqlBool> {
  const c = ref(def.column);
  if (def.type === 'number') {
    const a = readNumber(plain(def, from, ctx));
    if (a === undefined) return badValue(def, from, ctx, 'a number');
    const b = readNumber(plain(def, to, ctx));
    if (b === undefined) return badValue(def, to, ctx, 'a number');
    return inclusive
      ? sql<SqlBool>`(${c} >= ${a} and ${c} <= ${b})`
      : sql<SqlBool>`(${c} > ${a} and ${c} < ${b})`;
  }
  if (def.type === 'date') {
    const a = date(def, from, ctx);
    const b = date(def, to, ctx);
    return inclusive
      ? sql<SqlBool>`(${c} >= ${a.start} and ${c} < ${b.end})`
      : sql<SqlBool>`(${c} >= ${a.end} and ${c} < ${b.start})`;
  }
  return failAt(
    'QQL_BAD_VALUE',
    ctx.text,
    from.offset,
    `a range needs a number or date token, and ${def.token} is ${article(def.type)}`,
  );
}

/**
 * `vulnerabilities.severity` on images and containers reads the per-severity counts of open
 * findings kept on the row (`severityN_count`), so the most common filter needs no join over
 * millions of findings. "Some open finding has a severity in S" is "some count in S is > 0".
 */
function severityCondition(def: QqlTokenDef, term: QqlTerm, ctx: CompileContext): RawBuilder<SqlBool> {
  const value = term.value;
  const wanted = new Set<number>();
  const add = (pred: (s: number) => boolean): void => {
    for (let s = 1; s <= 5; s++) if (pred(s)) wanted.add(s);
  };
  const num = (v: QqlScalar): number => {
    const n = readNumber(plain(def, v, ctx));
    return n === undefined ? badValue(def, v, ctx, 'a number') : n;
  };
  if (isStar(value) && term.op === ':') add(() => true);
  else if (value.kind === 'list') for (const item of value.items) add((s) => s === num(item));
  else if (value.kind === 'range') {
    const [a, b] = [num(value.from), num(value.to)];
    add((s) => (value.inclusive ? s >= a && s <= b : s > a && s < b));
  } else {
    const n = num(value);
    const compare = { ':': (s: number) => s === n, '>': (s: number) => s > n, '>=': (s: number) => s >= n };
    const below = { '<': (s: number) => s < n, '<=': (s: number) => s <= n };
    add({ ...compare, ...below }[term.op]);
  }
  if (wanted.size === 0) return sql<SqlBool>`(1 = 0)`;
  const table = def.column.alias;
  // "Some open finding of severity >= k" is "the highest open severity >= k": one indexed column.
  const lowest = Math.min(...wanted);
  if (wanted.size === 6 - lowest) return sql<SqlBool>`(${sql.ref(`${table}.max_severity`)} >= ${lowest})`;
  const counts = [...wanted].sort().map((s) => sql`${sql.ref(`${table}.severity${s}_count`)} > 0`);
  return sql<SqlBool>`(${sql.join(counts, sql` or `)})`;
}

/** `field:*`: the field has a value (or, on a child collection, some child has one). */
function isStar(value: QqlValue): boolean {
  return value.kind === 'word' && value.parts.length === 1 && value.parts[0]?.kind === 'star';
}

function stringCondition(def: QqlTokenDef, value: QqlScalar, ctx: CompileContext): RawBuilder<SqlBool> {
  const c = ref(def.column);
  if (value.kind === 'exact') return sql<SqlBool>`(${c} = ${value.text})`;
  const equal = equalityValue(def, value);
  if (equal !== undefined) return sql<SqlBool>`(${c} = ${equal})`;
  const text = scalarText(value);
  if (def.type === 'keyword' && text !== undefined)
    return sql<SqlBool>`(${fold(c, ctx)} = ${asciiLower(text)})`;
  const prefix = value.kind === 'word' ? asciiPrefix(value) : undefined;
  if (def.type === 'keyword' && prefix !== undefined) {
    // `abc*` as a range on the folded value, so an index on that expression serves it (LIKE
    // cannot use one on SQLite). Bytewise order on both dialects: SQLite compares text with
    // BINARY, and the folded PostgreSQL value carries COLLATE "C".
    const lower = asciiLower(prefix);
    const upper = lower.slice(0, -1) + String.fromCharCode(lower.charCodeAt(lower.length - 1) + 1);
    return sql<SqlBool>`(${fold(c, ctx)} >= ${lower} and ${fold(c, ctx)} < ${upper})`;
  }
  // Text tokens match anywhere unless the value says where with `*`.
  const pattern =
    value.kind === 'word' && text === undefined ? likePattern(value) : `%${escapeLike(text ?? '')}%`;
  return sql<SqlBool>`(${fold(c, ctx)} like ${asciiLower(pattern)} escape '\\')`;
}

function fold(c: Sql, ctx: CompileContext): Sql {
  return folded(ctx.dialect, c);
}

/** The text of a `prefix*` word when the prefix is printable ASCII (so "next string up" is simple). */
function asciiPrefix(word: QqlWord): string | undefined {
  const [first, star, ...rest] = word.parts;
  if (rest.length > 0 || first?.kind !== 'text' || star?.kind !== 'star') return undefined;
  return /^[\x20-\x7e]+$/.test(first.text) ? first.text : undefined;
}

function likePattern(word: QqlWord): string {
  return word.parts.map((p) => (p.kind === 'star' ? '%' : escapeLike(p.text))).join('');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function enumMatches(def: QqlTokenDef, value: QqlScalar, ctx: CompileContext): string[] {
  const values = def.values ?? [];
  if (value.kind === 'word' && scalarText(value) === undefined) {
    const re = new RegExp(
      `^${value.parts.map((p) => (p.kind === 'star' ? '.*' : p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
      'i',
    );
    const hits = values.filter((v) => re.test(v));
    if (hits.length > 0) return hits;
  } else {
    const text = scalarText(value) ?? '';
    const hit =
      value.kind === 'exact'
        ? values.find((v) => v === text)
        : values.find((v) => v.toLowerCase() === text.toLowerCase());
    if (hit !== undefined) return [hit];
  }
  const raw = value.kind === 'word' ? value.raw : value.text;
  const hint = didYouMean(raw, values) ?? `expected one of ${values.join(', ')}`;
  return failAt('QQL_BAD_VALUE', ctx.text, value.offset, `"${raw}" is not a value of ${def.token}`, hint);
}

function date(def: QqlTokenDef, value: QqlScalar, ctx: CompileContext): DateInterval {
  const d = readDate(plain(def, value, ctx), ctx.now);
  return d ?? badValue(def, value, ctx, 'a date (2024-01-31, 2024-01-31T10:00:00Z, now-24h, epoch)');
}

/** The text of a value that must not hold wildcards (numbers, dates, booleans). */
function plain(def: QqlTokenDef, value: QqlScalar, ctx: CompileContext): string {
  const text = scalarText(value);
  if (text === undefined) {
    return failAt(
      'QQL_BAD_VALUE',
      ctx.text,
      value.offset,
      `wildcards do not apply to ${def.token} (${def.type})`,
    );
  }
  return text;
}

function badValue(def: QqlTokenDef, value: QqlValue, ctx: CompileContext, expected: string): never {
  const raw = value.kind === 'word' ? value.raw : 'text' in value ? value.text : '';
  return failAt('QQL_BAD_VALUE', ctx.text, value.offset, `"${raw}" is not ${expected} for ${def.token}`);
}

function badOperator(def: QqlTokenDef, op: string, value: QqlScalar, ctx: CompileContext): never {
  return failAt(
    'QQL_BAD_VALUE',
    ctx.text,
    value.offset,
    `"${op}" needs a number or date token, and ${def.token} is ${article(def.type)}`,
    `use ${def.token}:value`,
  );
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
