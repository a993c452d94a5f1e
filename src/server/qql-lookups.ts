/**
 * Runs the value lookups of a QQL filter before it is compiled (see `QqlLookupDef` in
 * src/qql/catalog/types.ts): `vulnerabilities.cve:CVE-X` is answered by the vulnerability
 * ids that carry that CVE, as constants PostgreSQL's planner can weigh.
 */
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { lookupKey, prepareQql, type QqlEntity, type QqlLookupName, type QqlOptions } from '../qql/index.js';

type Lookup = (db: Kysely<Database>, values: readonly string[]) => Promise<Map<string, string[]>>;

const LOOKUPS: Record<QqlLookupName, Lookup> = {
  // Vulnerabilities are shared reference data: no customer to scope by. The term itself
  // still only matches the caller's findings.
  async 'vulnerability-ids-by-cve'(db, values) {
    const out = new Map<string, string[]>();
    for (let i = 0; i < values.length; i += 500) {
      const rows = await db
        .selectFrom('vulnerabilities')
        .select(['id', 'cve'])
        .where('cve', 'in', values.slice(i, i + 500))
        .execute();
      for (const r of rows) if (r.cve !== null) out.set(r.cve, [...(out.get(r.cve) ?? []), r.id]);
    }
    return out;
  },
};

/**
 * `qqlWhere` with the filter's lookups run first (one parse): what every route that
 * compiles a request's filter calls. Throws `QqlError` on a bad filter, as `qqlWhere` does.
 */
export async function qqlWhereLooked(
  db: Kysely<Database>,
  entity: QqlEntity,
  filter: string | undefined,
  options: QqlOptions,
): Promise<RawBuilder<SqlBool>> {
  const prepared = prepareQql(entity, filter);
  if (prepared.lookups.length === 0) return prepared.compile(options);
  const lookups = new Map<string, string[]>();
  for (const name of new Set(prepared.lookups.map((r) => r.name))) {
    const values = [...new Set(prepared.lookups.filter((r) => r.name === name).map((r) => r.value))];
    const found = await LOOKUPS[name](db, values);
    // A value nothing carries is looked up too: the term then matches nothing, by constant.
    for (const value of values) lookups.set(lookupKey(name, value), found.get(value) ?? []);
  }
  return prepared.compile({ ...options, lookups });
}
