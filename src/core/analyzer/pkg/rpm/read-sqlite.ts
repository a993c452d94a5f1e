import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BlobsResult } from './blobs.js';

/** SQLite (a native module) is loaded on the first rpm SQLite database, not by every scan. */
const require = createRequire(import.meta.url);
let sqlite: typeof Database | undefined;
const openDatabase = (file: string): Database.Database => {
  sqlite ??= require('better-sqlite3') as typeof Database;
  return new sqlite(file, { readonly: true, fileMustExist: true });
};

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the header blobs of an rpm SQLite database (rpm >= 4.16: `rpmdb.sqlite`,
 * table `Packages(hnum, blob)`). SQLite needs a file, so the content goes to a
 * scratch file in `tempDir` that is removed afterwards.
 */
export function readSqliteBlobs(content: Buffer, tempDir: string): BlobsResult {
  if (content.length < 100 || !content.subarray(0, 16).equals(sqliteMagic)) {
    return { blobs: [], problems: ['not an SQLite database (bad magic)'] };
  }
  const copy = Buffer.from(content);
  // rpm keeps the database in WAL mode (header bytes 18-19 = 2). A read-only
  // open of a WAL database wants -shm/-wal files beside it; the layer's copy
  // is already checkpointed, so mark it as a rollback-journal database.
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;
  const file = join(tempDir, `rpmdb-${randomUUID()}.sqlite`);
  let db: Database.Database | undefined;
  try {
    writeFileSync(file, copy);
    db = openDatabase(file);
    const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all() as {
      hnum: number;
      blob: unknown;
    }[];
    const blobs: Buffer[] = [];
    const problems: string[] = [];
    for (const row of rows) {
      if (Buffer.isBuffer(row.blob)) blobs.push(row.blob);
      else problems.push(`Packages row ${row.hnum} holds no blob`);
    }
    return { blobs, problems };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { blobs: [], problems: [`cannot read the SQLite database: ${text}`] };
  } finally {
    db?.close();
    rmSync(file, { force: true });
  }
}
