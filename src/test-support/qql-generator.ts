/**
 * Random, seeded QQL syntax trees for differential tests: every token of an entity with
 * values drawn from the data actually stored (so queries select something), in every
 * form the grammar has (words, wildcards, phrases, exact values, lists, ranges,
 * comparisons, date math), combined with and/or/not.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { QqlNode, QqlOperator, QqlScalar, QqlValue } from '../qql/ast.js';
import { qqlCatalogs } from '../qql/catalog/index.js';
import { type QqlTokenDef, ref } from '../qql/catalog/types.js';
import type { QqlEntity } from '../qql/index.js';

export type ValuePools = Map<string, (string | number)[]>;

/** Up to 40 distinct stored values of each token's column, read from `db`. */
export async function valuePools(db: Kysely<Database>, entity: QqlEntity): Promise<ValuePools> {
  const pools: ValuePools = new Map();
  for (const def of qqlCatalogs[entity].tokens) {
    if (def.type === 'severity') continue;
    const from = def.via ? def.via.from : sql.table(qqlCatalogs[entity].table);
    const c = ref(def.column);
    const rows = await sql<{
      v: string | number;
    }>`select distinct ${c} as v from ${from} where ${c} is not null order by 1 limit 40`.execute(db);
    pools.set(
      def.token,
      rows.rows.map((r) => r.v),
    );
  }
  return pools;
}

const OPS: Exclude<QqlOperator, ':'>[] = ['>', '>=', '<', '<='];

export function randomQuery(rand: () => number, entity: QqlEntity, pools: ValuePools, now: number): QqlNode {
  return node(rand, entity, pools, now, 0);
}

function node(rand: () => number, entity: QqlEntity, pools: ValuePools, now: number, depth: number): QqlNode {
  const r = rand();
  if (depth >= 3 || r < 0.45) return term(rand, entity, pools, now);
  if (r < 0.55) return { kind: 'not', item: node(rand, entity, pools, now, depth + 1), offset: 0 };
  const items = Array.from({ length: 2 + Math.floor(rand() * 2) }, () =>
    node(rand, entity, pools, now, depth + 1),
  );
  return { kind: r < 0.8 ? 'and' : 'or', items, offset: 0 };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function word(text: string, star?: 'prefix' | 'suffix' | 'both'): QqlScalar {
  const parts = [
    ...(star === 'suffix' || star === 'both' ? [{ kind: 'star' as const }] : []),
    ...(text ? [{ kind: 'text' as const, text }] : []),
    ...(star === 'prefix' || star === 'both' ? [{ kind: 'star' as const }] : []),
  ];
  return { kind: 'word', parts, raw: text, offset: 0 };
}

function flipCase(rand: () => number, text: string): string {
  return [...text].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

function term(rand: () => number, entity: QqlEntity, pools: ValuePools, now: number) {
  const def = pick(rand, qqlCatalogs[entity].tokens);
  const [op, value] = valueFor(rand, def, pools.get(def.token) ?? [], now);
  return {
    kind: 'term' as const,
    token: rand() < 0.2 ? flipCase(rand, def.token) : def.token,
    op,
    value,
    offset: 0,
  };
}

function valueFor(
  rand: () => number,
  def: QqlTokenDef,
  pool: readonly (string | number)[],
  now: number,
): [QqlOperator, QqlValue] {
  if (rand() < 0.05) return [':', word('', 'prefix')];
  switch (def.type) {
    case 'keyword':
    case 'text': {
      const v = String(pool.length ? pick(rand, pool) : 'none');
      const r = rand();
      if (r < 0.25) return [':', word(flipCase(rand, v))];
      if (r < 0.4) return [':', word(v.slice(0, 1 + Math.floor(rand() * v.length)), 'prefix')];
      if (r < 0.5) return [':', word(v.slice(1, 3), 'both')];
      if (r < 0.6) return [':', { kind: 'phrase', text: v, offset: 0 }];
      if (r < 0.7) return [':', { kind: 'exact', text: rand() < 0.5 ? v : flipCase(rand, v), offset: 0 }];
      if (r < 0.85)
        return [
          ':',
          { kind: 'list', items: [word(v), word(String(pick(rand, pool.length ? pool : ['x'])))], offset: 0 },
        ];
      return [':', word(`${v.slice(0, 2)}x`)];
    }
    case 'enum': {
      const v = pick(rand, def.values ?? ['x']);
      if (rand() < 0.3) return [':', word(v.slice(0, 2).toLowerCase(), 'prefix')];
      if (rand() < 0.3)
        return [':', { kind: 'list', items: [word(v), word(pick(rand, def.values ?? ['x']))], offset: 0 }];
      return [':', word(flipCase(rand, v))];
    }
    case 'boolean':
      return [':', word(pick(rand, ['true', 'false', 'yes', '0']))];
    case 'severity':
    case 'number': {
      const n =
        def.type === 'severity' ? 1 + Math.floor(rand() * 5) : Number(pool.length ? pick(rand, pool) : 1);
      const m =
        def.type === 'severity' ? 1 + Math.floor(rand() * 5) : Number(pool.length ? pick(rand, pool) : 2);
      return numeric(rand, String(n), String(m));
    }
    case 'date': {
      const base = Number(pool.length ? pick(rand, pool) : now);
      const form = (ms: number): string => {
        const r = rand();
        if (r < 0.3) return new Date(ms).toISOString().slice(0, 10);
        if (r < 0.5) return new Date(ms).toISOString();
        if (r < 0.7) return `now-${Math.max(0, Math.round((now - ms) / 86_400_000))}d`;
        if (r < 0.8) return `now-${Math.max(0, Math.round((now - ms) / 3_600_000))}h`;
        return String(ms);
      };
      const other = Number(pool.length ? pick(rand, pool) : now);
      return numeric(rand, form(Math.min(base, other)), form(Math.max(base, other)));
    }
  }
}

function numeric(rand: () => number, a: string, b: string): [QqlOperator, QqlValue] {
  const r = rand();
  if (r < 0.3) return [':', word(a)];
  if (r < 0.6) return [pick(rand, OPS), word(a)];
  if (r < 0.75) return [':', { kind: 'range', from: word(a), to: word(b), inclusive: true, offset: 0 }];
  if (r < 0.85) return [':', { kind: 'range', from: word(a), to: word(b), inclusive: false, offset: 0 }];
  return [':', { kind: 'list', items: [word(a), word(b)], offset: 0 }];
}
