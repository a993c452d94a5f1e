import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BulwarkError } from '../errors.js';
import { decodeRecordText, metaKeys, schemaVersion } from './db-schema.js';
import type { DbStatus, SourceStatus } from './db-types.js';
import { Lru } from './lru.js';
import type { OsvRecord } from './osv-types.js';
import { normalizePackageName } from './package-name.js';

type Db = Database.Database;

interface CachedRecord {
  record: OsvRecord;
  /** Estimated heap bytes of the parsed record. */
  bytes: number;
}

interface CachedLookup {
  records: readonly OsvRecord[];
  /** The records' estimated heap bytes, summed (a record two lookups share counts twice). */
  bytes: number;
}

/**
 * Parsed OSV JSON takes 1.5–1.9 bytes of V8 heap per character of its text (measured
 * on the Go vulndb and on synthetic records); 2 errs on the safe side.
 */
const heapBytesPerChar = 2;
/**
 * Whole lookup results: ~100,000 typical records, more than a large inventory's
 * working set (~50,000 records for 50,000 packages of which half have advisories).
 */
const resultCacheBytes = 192 * 1024 * 1024;
/** Records by id, for `get()` and so that lookups naming the same record share one copy. */
const recordCacheBytes = 64 * 1024 * 1024;

/** The schema version stored in `meta`, or undefined when the file is not one of ours. */
export function readSchemaVersion(db: Db): number | undefined {
  try {
    const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(metaKeys.schemaVersion);
    return typeof value === 'string' ? Number(value) : undefined;
  } catch {
    return undefined;
  }
}

interface SourceRow {
  name: string;
  kind: SourceStatus['kind'];
  location: string;
  etag: string | null;
  last_modified: string | null;
  updated_at: string;
  record_count: number;
}

function toSourceStatus(row: SourceRow): SourceStatus {
  return {
    name: row.name,
    kind: row.kind,
    location: row.location,
    ...(row.etag ? { etag: row.etag } : {}),
    ...(row.last_modified ? { lastModified: row.last_modified } : {}),
    updatedAt: row.updated_at,
    recordCount: row.record_count,
  };
}

/**
 * Read-only access to the advisory database. The names of each ecosystem are
 * loaded into a Set on first use, so the common case — a package with no
 * advisories — never reaches SQLite. Parsed records and whole lookup results are
 * kept in LRU caches: an inventory re-match asks for the same
 * (ecosystem, package) pairs over and over. Returned records are shared with the
 * cache and must not be mutated.
 *
 * Both caches are bounded by size, not by a count: a re-match of a large inventory
 * touches tens of thousands of records, and an LRU smaller than that working set
 * misses on every lookup (a cyclic scan evicts each entry just before its reuse).
 */
export class AdvisoryStore {
  private readonly idsFor: Database.Statement<[string, string], string>;
  private readonly dataFor: Database.Statement<[string], Buffer>;
  private readonly idForAlias: Database.Statement<[string], string>;
  private readonly namesIn: Database.Statement<[string], string>;
  private readonly firstEcosystemFrom: Database.Statement<[string], string>;
  private readonly nextEcosystem: Database.Statement<[string], string>;
  /** Per prefix, the ecosystems under it (a handful: RHEL repositories of one release). */
  private readonly prefixes = new Map<string, readonly string[]>();
  /** Per ecosystem, every name with an advisory: a miss costs one Set probe, no SQL. */
  private readonly names = new Map<string, ReadonlySet<string>>();
  /**
   * Both weighed by estimated heap bytes: together ~256 MiB at most, however long the
   * process runs. Matching's per-record derived data is held weakly and goes with them.
   */
  private readonly records = new Lru<string, CachedRecord>(recordCacheBytes, (entry) => entry.bytes);
  private readonly results = new Lru<string, CachedLookup>(resultCacheBytes, (entry) => entry.bytes);

  private constructor(
    readonly path: string,
    private readonly db: Db,
  ) {
    this.idsFor = db
      .prepare<[string, string], string>(
        'SELECT record_id FROM affected_index WHERE ecosystem = ? AND name = ?',
      )
      .pluck();
    this.dataFor = db.prepare<[string], Buffer>('SELECT data FROM records WHERE id = ?').pluck();
    this.namesIn = db
      .prepare<[string], string>('SELECT DISTINCT name FROM affected_index WHERE ecosystem = ?')
      .pluck();
    this.firstEcosystemFrom = db
      .prepare<[string], string>(
        'SELECT ecosystem FROM affected_index WHERE ecosystem >= ? ORDER BY ecosystem LIMIT 1',
      )
      .pluck();
    this.nextEcosystem = db
      .prepare<[string], string>(
        'SELECT ecosystem FROM affected_index WHERE ecosystem > ? ORDER BY ecosystem LIMIT 1',
      )
      .pluck();
    this.idForAlias = db
      .prepare<[string], string>('SELECT record_id FROM aliases WHERE alias = ? ORDER BY record_id LIMIT 1')
      .pluck();
  }

  /** Opens read-only. Throws ADVISORY_DB_MISSING or ADVISORY_DB_SCHEMA. */
  static open(path: string): AdvisoryStore {
    if (!existsSync(path)) {
      throw new BulwarkError(
        'ADVISORY_DB_MISSING',
        `no vulnerability database at ${path}; run \`bulwark db update\` (online) or \`bulwark db import PATH\` (offline)`,
      );
    }
    let db: Db;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
    } catch (err) {
      throw new BulwarkError('ADVISORY_DB_SCHEMA', `${path}: cannot open: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const version = readSchemaVersion(db);
    if (version !== schemaVersion) {
      db.close();
      const found =
        version === undefined ? 'is not a Bulwark vulnerability database' : `has schema version ${version}`;
      throw new BulwarkError(
        'ADVISORY_DB_SCHEMA',
        `${path} ${found}; this Bulwark reads schema ${schemaVersion}; run \`bulwark db update\` or \`bulwark db import PATH\` again to rebuild it`,
      );
    }
    // Reads through mmap skip a syscall per page; the file is never written in place
    // (updates rename a new file over it), so the mapping stays valid.
    db.pragma('mmap_size = 1073741824');
    db.pragma('cache_size = -32768');
    return new AdvisoryStore(path, db);
  }

  /**
   * Every record with an `affected[].package` of exactly this ecosystem (`Debian:12`,
   * `PyPI`) and name (normalised here). Withdrawn records are included.
   */
  lookup(ecosystem: string, name: string): OsvRecord[] {
    const normalized = normalizePackageName(ecosystem, name);
    if (!this.namesFor(ecosystem).has(normalized)) return [];
    const key = `${ecosystem}\u0000${normalized}`;
    const cached = this.results.get(key);
    if (cached) return cached.records.slice();
    const found: OsvRecord[] = [];
    let bytes = 0;
    for (const id of this.idsFor.all(ecosystem, normalized)) {
      const entry = this.cachedRecord(id);
      if (!entry) continue;
      found.push(entry.record);
      bytes += entry.bytes;
    }
    this.results.set(key, { records: found, bytes: bytes + 64 });
    return found.slice();
  }

  /** True when some record names a package in exactly this ecosystem (`Debian:12`, `Go`). */
  hasEcosystem(ecosystem: string): boolean {
    return this.namesFor(ecosystem).size > 0;
  }

  /**
   * Every ecosystem in the database starting with `prefix` (`Red Hat:enterprise_linux:7::`
   * → `…::server`, `…::client`…). One primary-key probe per ecosystem found: each step
   * asks for the first ecosystem past the last one, skipping its rows.
   */
  ecosystemsWithPrefix(prefix: string): readonly string[] {
    const known = this.prefixes.get(prefix);
    if (known) return known;
    const found: string[] = [];
    let next = this.firstEcosystemFrom.get(prefix);
    while (next?.startsWith(prefix)) {
      found.push(next);
      next = this.nextEcosystem.get(next);
    }
    this.prefixes.set(prefix, found);
    return found;
  }

  /** A record by its id, or else by one of its aliases (CVE, GHSA…). */
  get(id: string): OsvRecord | undefined {
    const direct = this.recordById(id);
    if (direct) return direct;
    const target = this.idForAlias.get(id);
    return target === undefined ? undefined : this.recordById(target);
  }

  status(): DbStatus {
    const meta = new Map(
      this.db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM meta')
        .all()
        .map((row) => [row.key, row.value]),
    );
    const sources = this.db
      .prepare<[], SourceRow>('SELECT * FROM sources ORDER BY name')
      .all()
      .map(toSourceStatus);
    const updatedAt =
      meta.get(metaKeys.updatedAt) ?? meta.get(metaKeys.createdAt) ?? new Date(0).toISOString();
    return {
      path: this.path,
      sizeBytes: statSync(this.path).size,
      schemaVersion: Number(meta.get(metaKeys.schemaVersion)),
      updatedAt,
      ageSeconds: Math.max(0, Math.round((Date.now() - Date.parse(updatedAt)) / 1000)),
      recordCount: Number(meta.get(metaKeys.recordCount) ?? 0),
      withdrawnCount: Number(meta.get(metaKeys.withdrawnCount) ?? 0),
      ecosystems: JSON.parse(meta.get(metaKeys.ecosystemCounts) ?? '{}') as Record<string, number>,
      sources,
    };
  }

  close(): void {
    this.records.clear();
    this.results.clear();
    this.names.clear();
    this.prefixes.clear();
    if (this.db.open) this.db.close();
  }

  private namesFor(ecosystem: string): ReadonlySet<string> {
    let names = this.names.get(ecosystem);
    if (!names) {
      names = new Set(this.namesIn.all(ecosystem));
      this.names.set(ecosystem, names);
    }
    return names;
  }

  private recordById(id: string): OsvRecord | undefined {
    return this.cachedRecord(id)?.record;
  }

  private cachedRecord(id: string): CachedRecord | undefined {
    const cached = this.records.get(id);
    if (cached) return cached;
    const data = this.dataFor.get(id);
    if (data === undefined) return undefined;
    const json = decodeRecordText(data);
    const entry = { record: JSON.parse(json) as OsvRecord, bytes: json.length * heapBytesPerChar };
    this.records.set(id, entry);
    return entry;
  }
}
