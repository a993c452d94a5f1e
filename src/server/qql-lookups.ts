/**
 * Runs the value lookups of a QQL filter before it is compiled (see `QqlLookupDef` in
 * src/qql/catalog/types.ts): `vulnerabilities.cve:CVE-X` is answered by the vulnerability
 * ids that carry that CVE, as constants PostgreSQL's planner can weigh.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  lookupKey,
  type QqlEntity,
  type QqlLookupName,
  type QqlLookups,
  qqlLookupRequests,
} from '../qql/index.js';

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

/** The looked-up values for the filter, or undefined when it has no lookup term. */
export async function qqlLookups(
  db: Kysely<Database>,
  entity: QqlEntity,
  filter: string | undefined,
): Promise<QqlLookups | undefined> {
  const requests = qqlLookupRequests(entity, filter);
  if (requests.length === 0) return undefined;
  const out = new Map<string, string[]>();
  for (const name of new Set(requests.map((r) => r.name))) {
    const values = [...new Set(requests.filter((r) => r.name === name).map((r) => r.value))];
    const found = await LOOKUPS[name](db, values);
    // A value nothing carries is looked up too: the term then matches nothing, by constant.
    for (const value of values) out.set(lookupKey(name, value), found.get(value) ?? []);
  }
  return out;
}
