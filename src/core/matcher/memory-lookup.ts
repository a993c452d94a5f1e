import type { OsvRecord } from '../advisory/osv-types.js';
import { normalizePackageName } from '../advisory/package-name.js';
import type { AdvisoryLookup } from './matcher-types.js';

/**
 * Records held in memory, indexed like the store's `affected_index` (exact ecosystem,
 * normalised name). For tests, benchmarks and matching a handful of records without a
 * database file.
 */
export class MemoryAdvisoryLookup implements AdvisoryLookup {
  private readonly index = new Map<string, OsvRecord[]>();

  constructor(records: Iterable<OsvRecord>) {
    for (const record of records) {
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
