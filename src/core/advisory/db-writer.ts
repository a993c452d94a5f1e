import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BulwarkError, toBulwarkError } from '../errors.js';
import { encodeRecord, metaKeys, recordCodec, schemaSql, schemaVersion } from './db-schema.js';
import type { SourceStatus } from './db-types.js';
import { ecosystemFamily } from './ecosystems.js';
import type { OsvRecord } from './osv-types.js';
import { normalizePackageName } from './package-name.js';
import { readSchemaVersion } from './store.js';

type Db = Database.Database;

function prepare(db: Db) {
  return {
    modified: db.prepare<[string], { modified: string }>('SELECT modified FROM records WHERE id = ?'),
    dropAffected: db.prepare<[string]>('DELETE FROM affected_index WHERE record_id = ?'),
    dropAliases: db.prepare<[string]>('DELETE FROM aliases WHERE record_id = ?'),
    putRecord: db.prepare<[string, string, string | null, string | null, Buffer]>(
      'INSERT OR REPLACE INTO records (id, modified, withdrawn, aliases, data) VALUES (?, ?, ?, ?, ?)',
    ),
    putAffected: db.prepare<[string, string, string, string]>(
      'INSERT OR IGNORE INTO affected_index (ecosystem, name, record_id, ecosystem_family) VALUES (?, ?, ?, ?)',
    ),
    putAlias: db.prepare<[string, string]>('INSERT OR IGNORE INTO aliases (alias, record_id) VALUES (?, ?)'),
    link: db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO record_sources (source, record_id) VALUES (?, ?)',
    ),
    clearSource: db.prepare<[string]>('DELETE FROM record_sources WHERE source = ?'),
    putSource: db.prepare(
      `INSERT OR REPLACE INTO sources (name, kind, location, etag, last_modified, updated_at, record_count)
       VALUES (@name, @kind, @location, @etag, @lastModified, @updatedAt, @recordCount)`,
    ),
    putMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}

/** Newer `modified` wins; equal times rewrite, so a re-import repairs a record in place. */
function isNewer(incoming: string, stored: string): boolean {
  return Date.parse(incoming) >= Date.parse(stored);
}

/**
 * Builds a database in a temporary file beside the target and renames it over the
 * target only in `commit()`. Readers keep the old file (same inode) until they reopen;
 * a crash or `abort()` leaves the target exactly as it was.
 */
export class AdvisoryDbWriter {
  private readonly stmts: ReturnType<typeof prepare>;
  private done = false;
  /** Set when the existing file had another schema version and is being rebuilt, not copied. */
  discardedSchema: number | undefined;

  private constructor(
    readonly dbPath: string,
    readonly tempPath: string,
    private readonly db: Db,
  ) {
    this.stmts = prepare(db);
  }

  /**
   * `fromExisting`: start from a copy of the current database. A Bulwark database of
   * another schema version starts fresh instead (see `discardedSchema`); a file that
   * is not one of ours is refused, never overwritten.
   */
  static create(dbPath: string, fromExisting: boolean): AdvisoryDbWriter {
    const dir = dirname(dbPath);
    const tempPath = join(dir, `.${basename(dbPath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(dir, { recursive: true });
      removeStaleTemps(dbPath);
      const copy = fromExisting && existsSync(dbPath);
      if (copy) copyFileSync(dbPath, tempPath);
      const db = new Database(tempPath);
      // The temp file is thrown away on any failure, so no journal and no syncs until commit.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -65536');
      if (copy) {
        const found = readSchemaVersion(db);
        if (found !== schemaVersion) {
          db.close();
          rmSync(tempPath, { force: true });
          if (found === undefined) {
            throw new BulwarkError(
              'ADVISORY_DB_SCHEMA',
              `${dbPath}: not a Bulwark advisory database of schema ${schemaVersion}`,
            );
          }
          // Another schema's records cannot be carried over: rebuild from this run's inputs.
          const fresh = AdvisoryDbWriter.create(dbPath, false);
          fresh.discardedSchema = found;
          return fresh;
        }
      } else {
        db.exec(schemaSql);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
          metaKeys.createdAt,
          new Date().toISOString(),
        );
      }
      db.exec('BEGIN');
      return new AdvisoryDbWriter(dbPath, tempPath, db);
    } catch (err) {
      rmSync(tempPath, { force: true });
      throw toBulwarkError(err, 'IO', `cannot prepare ${dbPath}`);
    }
  }

  /** Stores the record under `source`; returns false when a newer copy was already stored. */
  upsert(record: OsvRecord, source: string): boolean {
    const s = this.stmts;
    s.link.run(source, record.id);
    const stored = s.modified.get(record.id);
    if (stored && !isNewer(record.modified, stored.modified)) return false;
    if (stored) {
      s.dropAffected.run(record.id);
      s.dropAliases.run(record.id);
    }
    const aliases = record.aliases ?? [];
    s.putRecord.run(
      record.id,
      record.modified,
      record.withdrawn ?? null,
      aliases.length > 0 ? JSON.stringify(aliases) : null,
      encodeRecord(record),
    );
    for (const alias of aliases) s.putAlias.run(alias, record.id);
    for (const affected of record.affected ?? []) {
      const pkg = affected.package;
      if (!pkg) continue;
      s.putAffected.run(
        pkg.ecosystem,
        normalizePackageName(pkg.ecosystem, pkg.name),
        record.id,
        ecosystemFamily(pkg.ecosystem),
      );
    }
    return true;
  }

  /** Forgets which records `source` delivered; ones no other source holds go at commit. */
  clearSource(source: string): void {
    this.stmts.clearSource.run(source);
  }

  /** Drops every source and record, for a rebuild that must not keep anything. */
  clearAll(): void {
    this.db.exec('DELETE FROM record_sources; DELETE FROM sources;');
  }

  previousSource(name: string): SourceStatus | undefined {
    const row = this.db
      .prepare<[string], { location: string; etag: string | null; last_modified: string | null }>(
        'SELECT location, etag, last_modified FROM sources WHERE name = ?',
      )
      .get(name);
    if (!row) return undefined;
    return {
      name,
      kind: 'osv-archive',
      location: row.location,
      ...(row.etag ? { etag: row.etag } : {}),
      ...(row.last_modified ? { lastModified: row.last_modified } : {}),
      updatedAt: '',
      recordCount: 0,
    };
  }

  setSource(source: Omit<SourceStatus, 'recordCount'>): void {
    this.stmts.putSource.run({
      name: source.name,
      kind: source.kind,
      location: source.location,
      etag: source.etag ?? null,
      lastModified: source.lastModified ?? null,
      updatedAt: source.updatedAt,
      recordCount: 0,
    });
  }

  /** Finishes the database and atomically replaces the target. Returns the record count. */
  commit(): number {
    if (this.done) throw new Error('AdvisoryDbWriter already finished');
    this.done = true;
    const db = this.db;
    try {
      db.exec(`
        DELETE FROM records WHERE id NOT IN (SELECT record_id FROM record_sources);
        DELETE FROM affected_index WHERE record_id NOT IN (SELECT id FROM records);
        DELETE FROM aliases WHERE record_id NOT IN (SELECT id FROM records);
        DELETE FROM sources WHERE name NOT IN (SELECT DISTINCT source FROM record_sources)
          AND kind = 'import';
        UPDATE sources SET record_count =
          (SELECT COUNT(*) FROM record_sources WHERE record_sources.source = sources.name);
      `);
      const count = (sql: string): number => (db.prepare(sql).pluck().get() as number) ?? 0;
      const records = count('SELECT COUNT(*) FROM records');
      const families = db
        .prepare<[], { family: string; n: number }>(
          'SELECT ecosystem_family AS family, COUNT(DISTINCT record_id) AS n FROM affected_index GROUP BY 1 ORDER BY 1',
        )
        .all();
      const put = this.stmts.putMeta;
      put.run(metaKeys.schemaVersion, String(schemaVersion));
      put.run(metaKeys.codec, recordCodec);
      put.run(metaKeys.updatedAt, new Date().toISOString());
      put.run(metaKeys.recordCount, String(records));
      put.run(
        metaKeys.withdrawnCount,
        String(count('SELECT COUNT(*) FROM records WHERE withdrawn IS NOT NULL')),
      );
      put.run(
        metaKeys.ecosystemCounts,
        JSON.stringify(Object.fromEntries(families.map((f) => [f.family, f.n]))),
      );
      db.exec('COMMIT');
      // Deleting a refreshed source leaves free pages; reclaim them when they matter.
      if (count('PRAGMA freelist_count') * 4 > count('PRAGMA page_count')) db.exec('VACUUM');
      db.pragma('journal_mode = DELETE');
      db.close();
      const fd = openSync(this.tempPath, 'r+');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(this.tempPath, this.dbPath);
      syncDirectory(dirname(this.dbPath));
      return records;
    } catch (err) {
      if (db.open) db.close();
      rmSync(this.tempPath, { force: true });
      throw toBulwarkError(err, 'IO', `cannot write ${this.dbPath}`);
    }
  }

  /** Throws the half-built database away; the target is untouched. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.db.open) this.db.close();
    rmSync(this.tempPath, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp databases and downloads (`.vuln.db.tmp-<pid>-…`, `.vuln.db.download-<pid>-…`)
 * left by a process that was killed mid-update; files of live processes are kept.
 */
export function removeStaleTemps(dbPath: string): void {
  const prefix = `.${basename(dbPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(dbPath));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(?:tmp|download)-(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (match && !isAlive(Number(match[1]))) rmSync(join(dirname(dbPath), name), { force: true });
  }
}

/** Makes the rename durable; some platforms cannot open a directory, which is harmless. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
