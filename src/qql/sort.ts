/**
 * `sort=` parameter → ORDER BY items from the catalog. Accepts the reference's two forms,
 * `created:desc` (several joined by commas) and `[{"created":"desc"}]`. Only tokens the
 * catalog marks sortable (main-table columns) can be used. Every order ends with the
 * entity's key, so pages never overlap or skip rows when sort values tie. NULLs sort
 * last both ways, and text sorts bytewise (`COLLATE "C"` on PostgreSQL), so the two
 * dialects give the same order.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import { type QqlEntityCatalog, type QqlTokenDef, ref } from './catalog/types.js';
import { resolveToken } from './compile.js';
import { failAt } from './qql-error.js';
import { didYouMean } from './suggest.js';

export type QqlDirection = 'asc' | 'desc';

export interface QqlOrderItem {
  /** The catalog token (canonical spelling), or `key` for the final tie-breaker. */
  readonly token: string;
  readonly direction: QqlDirection;
  readonly expression: RawBuilder<unknown>;
}

const MAX_SORT_KEYS = 5;
const MAX_SORT_LENGTH = 512;

interface Requested {
  readonly token: string;
  readonly direction: string;
  readonly offset: number;
}

export function compileSort(
  catalog: QqlEntityCatalog,
  sort: string | undefined,
  dialect: DialectName,
): QqlOrderItem[] {
  const text = sort?.trim() ?? '';
  if (text.length > MAX_SORT_LENGTH) failAt('QQL_TOO_COMPLEX', text, MAX_SORT_LENGTH, 'sort is too long');
  const requested: Requested[] =
    text === ''
      ? [{ ...catalog.defaultSort, offset: 0 }]
      : text.startsWith('[') || text.startsWith('{')
        ? fromJson(text)
        : fromList(text);
  if (requested.length > MAX_SORT_KEYS) {
    failAt(
      'QQL_TOO_COMPLEX',
      text,
      requested[MAX_SORT_KEYS]?.offset ?? 0,
      `more than ${MAX_SORT_KEYS} sort keys`,
    );
  }
  const items = requested.map((r) => orderItem(catalog, r, text, dialect));
  if (!items.some((i) => sameColumn(catalog, i.token))) {
    const keyToken = catalog.tokens.find((t) => sameColumn(catalog, t.token));
    const expression = keyToken ? sortExpression(keyToken, dialect) : ref(catalog.key);
    items.push({ token: keyToken?.token ?? catalog.key.column, direction: 'asc', expression });
  }
  return items;
}

function sameColumn(catalog: QqlEntityCatalog, token: string): boolean {
  const def = resolveToken(catalog, token);
  return (
    def?.via === undefined &&
    def?.column.column === catalog.key.column &&
    def.column.alias === catalog.key.alias
  );
}

function orderItem(
  catalog: QqlEntityCatalog,
  r: Requested,
  text: string,
  dialect: DialectName,
): QqlOrderItem {
  const def = resolveToken(catalog, r.token);
  if (!def) {
    const sortable = catalog.tokens.filter((t) => t.sortable).flatMap((t) => [t.token, ...(t.aliases ?? [])]);
    failAt(
      'QQL_UNKNOWN_TOKEN',
      text,
      r.offset,
      `unknown sort token "${r.token}"`,
      didYouMean(r.token, sortable),
    );
  }
  if (!def.sortable) {
    const list = catalog.tokens.filter((t) => t.sortable).map((t) => t.token);
    failAt(
      'QQL_BAD_VALUE',
      text,
      r.offset,
      `cannot sort by ${def.token}`,
      `sortable tokens: ${list.join(', ')}`,
    );
  }
  const direction = r.direction.toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') {
    failAt(
      'QQL_BAD_VALUE',
      text,
      r.offset,
      `sort direction "${r.direction}" for ${def.token}`,
      'use asc or desc',
    );
  }
  return { token: def.token, direction, expression: sortExpression(def, dialect) };
}

function sortExpression(def: QqlTokenDef, dialect: DialectName): RawBuilder<unknown> {
  const textual = def.type === 'keyword' || def.type === 'text' || def.type === 'enum';
  if (textual && dialect === 'postgres') return sql`${ref(def.column)} collate "C"`;
  // An unknown value (the zero counters of an unchecked asset) sorts as a missing one, last,
  // not among the clean. Migration 0012 indexes this expression for the severity-5 page.
  const unknown = def.unknownWhile;
  if (unknown?.unknown === 'both') {
    return sql`(case when ${ref(unknown.column)} is null then ${ref(def.column)} end)`;
  }
  return ref(def.column);
}

function fromList(text: string): Requested[] {
  const out: Requested[] = [];
  let offset = 0;
  for (const piece of text.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const [token = '', direction = 'asc', ...rest] = piece.trim().split(':');
    if (token === '' || rest.length > 0) {
      failAt(
        'QQL_SYNTAX',
        text,
        offset + lead,
        `expected token or token:asc|desc in sort, found "${piece.trim()}"`,
      );
    }
    out.push({ token: token.trim(), direction: direction.trim(), offset: offset + lead });
    offset += piece.length + 1;
  }
  return out;
}

function fromJson(text: string): Requested[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return failAt('QQL_SYNTAX', text, 0, `sort is not valid JSON (${detail})`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((entry) => {
    const pairs =
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? Object.entries(entry) : [];
    const [pair] = pairs;
    if (pairs.length !== 1 || !pair || typeof pair[1] !== 'string') {
      return failAt('QQL_SYNTAX', text, 0, 'sort JSON must be like [{"created":"desc"}]');
    }
    const at = text.indexOf(JSON.stringify(pair[0]));
    return { token: pair[0], direction: pair[1], offset: at < 0 ? 0 : at + 1 };
  });
}
