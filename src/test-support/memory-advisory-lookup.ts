import type { OsvRecord } from '../core/advisory/osv-types.js';
import { normalizePackageName } from '../core/advisory/package-name.js';
import type { DataInventory } from '../core/matcher/coverage.js';
import type { AdvisoryLookup } from '../core/matcher/matcher-types.js';

/**
 * Records held in memory, indexed like the store's `affected_index` (exact ecosystem,
 * normalised name), so matcher tests can match a handful of records without a database
 * file. Test support: shipped code asks the advisory store.
 */
export class MemoryAdvisoryLookup implements AdvisoryLookup {
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly byId = new Map<string, OsvRecord>();

  constructor(records: Iterable<OsvRecord>) {
    const all = [...records];
    // Own ids first, so an alias never hides a record of that id (as the store does).
    for (const record of all) for (const id of record.aliases ?? []) this.byId.set(id, record);
    for (const record of all) this.byId.set(record.id, record);
    for (const record of all) {
      const keys = new Set<string>();
      for (const entry of Array.isArray(record.affected) ? record.affected : []) {
        const ecosystem = entry?.package?.ecosystem;
        const name = entry?.package?.name;
        if (typeof ecosystem !== 'string' || typeof name !== 'string') continue;
        keys.add(`${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`);
      }
      for (const key of keys) {
        const list = this.index.get(key);
        if (list) list.push(record);
        else this.index.set(key, [record]);
      }
    }
  }

  hasEcosystem(ecosystem: string): boolean {
    for (const key of this.index.keys()) if (key.startsWith(`${ecosystem}\u0000`)) return true;
    return false;
  }

  get(id: string): OsvRecord | undefined {
    return this.byId.get(id);
  }

  ecosystemsWithPrefix(prefix: string): readonly string[] {
    const found = new Set<string>();
    for (const key of this.index.keys()) {
      const ecosystem = key.slice(0, key.indexOf('\u0000'));
      if (ecosystem.startsWith(prefix)) found.add(ecosystem);
    }
    return [...found].sort();
  }

  lookup(ecosystem: string, name: string): OsvRecord[] {
    return this.index.get(`${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`) ?? [];
  }
}

/** What `findMissingData` asks of a database, answered from records in memory. */
export function memoryInventory(records: OsvRecord[]): DataInventory {
  const lookup = new MemoryAdvisoryLookup(records);
  const families = new Set(
    records.flatMap((r) => (r.affected ?? []).map((a) => a.package!.ecosystem.split(':')[0]!)),
  );
  return { hasEcosystem: (e: string) => lookup.hasEcosystem(e), families, recordCount: records.length };
}
