import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { goDir, pypiDir, tempDir } from '../../test-support/advisory-test-helpers.js';
import {
  generateSyntheticRecords,
  syntheticLookups,
  writeSyntheticDatabase,
} from '../../test-support/advisory-testdata-gen.js';
import { isBulwarkError } from '../errors.js';
import { schemaVersion } from './db-schema.js';
import { importAdvisories } from './import.js';
import { AdvisoryStore } from './store.js';

function openError(path: string): { code: string; message: string } {
  try {
    AdvisoryStore.open(path).close();
  } catch (err) {
    assert.ok(isBulwarkError(err));
    return { code: err.code, message: err.message };
  }
  assert.fail('open should have failed');
}

describe('AdvisoryStore.open', () => {
  it('names the missing file and the commands that create it', () => {
    const path = join(tempDir(), 'nope.db');
    const err = openError(path);
    assert.equal(err.code, 'ADVISORY_DB_MISSING');
    assert.ok(err.message.includes(path));
    assert.match(err.message, /bulwark db update/);
  });

  it('refuses a file that is not SQLite, and SQLite that is not ours', () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'x'.repeat(4096));
    assert.equal(openError(garbage).code, 'ADVISORY_DB_SCHEMA');
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (a)');
    db.close();
    assert.equal(openError(foreign).code, 'ADVISORY_DB_SCHEMA');
    const future = join(dir, 'future.db');
    const f = new Database(future);
    f.exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99')",
    );
    f.close();
    assert.match(openError(future).message, /schema version 99/);
  });
});

describe('AdvisoryStore', () => {
  it('answers repeated lookups from its cache without sharing the array', async () => {
    const dbPath = join(tempDir(), 'vuln.db');
    await importAdvisories(dbPath, [goDir, pypiDir]);
    const store = AdvisoryStore.open(dbPath);
    const first = store.lookup('PyPI', 'jinja2');
    assert.equal(first.length, 4);
    first.length = 0;
    assert.equal(store.lookup('PyPI', 'Jinja2').length, 4);
    assert.deepEqual(store.lookup('PyPI', 'no-such-package'), []);
    assert.deepEqual(store.lookup('Debian:12', 'openssl'), [], 'an ecosystem with no records');
    store.close();
  });

  it('status reports path, size, counts and sources', async () => {
    const dbPath = join(tempDir(), 'vuln.db');
    await importAdvisories(dbPath, [goDir]);
    const store = AdvisoryStore.open(dbPath);
    const status = store.status();
    store.close();
    assert.equal(status.path, dbPath);
    assert.ok(status.sizeBytes > 0);
    assert.equal(status.schemaVersion, schemaVersion);
    assert.ok(status.ageSeconds < 60);
    assert.deepEqual(status.ecosystems, { Go: 10 });
    assert.equal(status.sources.length, 1);
    assert.equal(status.sources[0]?.name, `import:${goDir.replace(/\/$/, '')}`);
    assert.equal(status.sources[0]?.recordCount, 10);
  });

  it('serves a synthetic database: misses are cheap and hits find the generated names', () => {
    const dbPath = join(tempDir(), 'vuln.db');
    assert.equal(writeSyntheticDatabase(dbPath, 3000, 7), 3000);
    const store = AdvisoryStore.open(dbPath);
    const lookups = syntheticLookups(4000, 9, 0.5);
    let hits = 0;
    for (const { ecosystem, name } of lookups) if (store.lookup(ecosystem, name).length > 0) hits++;
    // Every generated record is found under each package it names.
    for (const record of generateSyntheticRecords(3000, 7).filter((_, i) => i % 10 === 0)) {
      for (const affected of record.affected ?? []) {
        const found = store.lookup(affected.package!.ecosystem, affected.package!.name).map((r) => r.id);
        assert.ok(found.includes(record.id), `${record.id} under ${affected.package!.name}`);
      }
    }
    const status = store.status();
    store.close();
    assert.ok(hits > 100, `hits: ${hits}`);
    assert.equal(status.recordCount, 3000);
    assert.ok(Object.keys(status.ecosystems).length >= 15, Object.keys(status.ecosystems).join());
    // Lookup speed (a probe, not a scan) is measured by `npm run bench` (parsers and lookups).
  });
});
