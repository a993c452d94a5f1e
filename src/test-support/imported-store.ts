/**
 * A real advisory database for matcher tests (test support: never shipped): built by
 * `importAdvisories` from `inputs` in a temp dir before the tests of the enclosing
 * `describe` (or file) run, closed and removed after them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { importAdvisories } from '../core/advisory/import.js';
import type { OsvRecord } from '../core/advisory/osv-types.js';
import { AdvisoryStore } from '../core/advisory/store.js';

/** The store, through a getter: it exists only once the `before` hook has run. */
export function importedStore(inputs: string[]): () => AdvisoryStore {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-matcher-db-'));
  let store: AdvisoryStore | undefined;
  before(async () => {
    await importAdvisories(join(dir, 'db.sqlite'), inputs);
    store = AdvisoryStore.open(join(dir, 'db.sqlite'));
  });
  after(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!store) throw new Error('importedStore: used before its before() hook ran');
    return store;
  };
}

/**
 * Replaces the records in `osvDir` with `records` (one JSON file each, as OSV exports them)
 * and imports that directory into the database at `dbPath`: a test's "the feed now says…".
 */
export async function importOsvRecords(dbPath: string, osvDir: string, records: OsvRecord[]): Promise<void> {
  rmSync(osvDir, { recursive: true, force: true });
  mkdirSync(osvDir, { recursive: true });
  for (const r of records) writeFileSync(join(osvDir, `${r.id}.json`), JSON.stringify(r));
  await importAdvisories(dbPath, [osvDir]);
}
