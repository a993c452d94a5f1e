/**
 * A real advisory database for matcher tests (test support: never shipped): built by
 * `importAdvisories` from `inputs` in a temp dir before the tests of the enclosing
 * `describe` (or file) run, closed and removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { importAdvisories } from '../core/advisory/import.js';
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
