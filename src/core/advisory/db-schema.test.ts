import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { goDir, pypiDir, rawRecords, tempDir, zipEntries } from '../../test-support/advisory-test-helpers.js';
import { isBulwarkError } from '../errors.js';
import { decodeRecordText, encodeRecord, metaKeys, schemaSql, schemaVersion } from './db-schema.js';
import { importAdvisories } from './import.js';
import type { OsvRecord } from './osv-types.js';
import { AdvisoryStore } from './store.js';
import { updateAdvisories } from './update.js';

const records: OsvRecord[] = [...rawRecords(goDir), ...rawRecords(pypiDir)].map((r) => r.record);

/** A database as schema 1 wrote it: records as JSON text in a `json` column. */
function writeSchema1Database(path: string, stored: OsvRecord[]): void {
  const db = new Database(path);
  db.exec(schemaSql.replace('data BLOB NOT NULL', 'json TEXT NOT NULL'));
  const put = db.prepare('INSERT INTO records (id, modified, json) VALUES (?, ?, ?)');
  for (const r of stored) put.run(r.id, r.modified, JSON.stringify(r));
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(metaKeys.schemaVersion, '1');
  db.close();
}

describe('stored records', () => {
  it('are compressed, and come back deep-equal to the input records', async () => {
    const dbPath = join(tempDir(), 'vuln.db');
    await importAdvisories(dbPath, [goDir, pypiDir]);
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare<[], { id: string; data: Buffer }>('SELECT id, data FROM records').all();
    db.close();
    assert.equal(rows.length, records.length);
    let jsonBytes = 0;
    let storedBytes = 0;
    for (const row of rows) {
      assert.ok(Buffer.isBuffer(row.data), `${row.id} is a blob`);
      assert.notEqual(row.data[0], '{'.charCodeAt(0), `${row.id} is not stored as JSON text`);
      const record = records.find((r) => r.id === row.id);
      assert.ok(record);
      const json = JSON.stringify(record);
      assert.equal(decodeRecordText(row.data), json, `${row.id} decodes to its exact JSON`);
      jsonBytes += Buffer.byteLength(json);
      storedBytes += row.data.length;
    }
    // Measured 27–34% on the real Go and PyPI feeds; 50% leaves room for small samples.
    assert.ok(storedBytes < jsonBytes * 0.5, `stored ${storedBytes} of ${jsonBytes} JSON bytes`);

    const store = AdvisoryStore.open(dbPath);
    try {
      for (const record of records) assert.deepEqual(store.get(record.id), record, record.id);
      assert.ok(store.status().sizeBytes === statSync(dbPath).size);
    } finally {
      store.close();
    }
  });

  it('encode/decode round-trips text the dictionary does not know', () => {
    const odd: OsvRecord = {
      id: 'X-1',
      modified: '2024-01-01T00:00:00Z',
      summary: 'ünïcödé 🙂 "quoted" \\ back\u0000slash',
      details: 'z'.repeat(100_000),
    };
    const encoded = encodeRecord(odd);
    assert.ok(encoded.length < 1000, `${encoded.length} bytes`);
    assert.deepEqual(JSON.parse(decodeRecordText(encoded)), odd);
  });
});

describe('a database of the previous schema', () => {
  function schema1(): string {
    const dir = tempDir();
    const path = join(dir, 'vuln.db');
    writeSchema1Database(path, records.slice(0, 3));
    return path;
  }

  it('is refused by open with one line naming the commands that rebuild it', () => {
    const path = schema1();
    let message = '';
    try {
      AdvisoryStore.open(path).close();
      assert.fail('open should have failed');
    } catch (err) {
      assert.ok(isBulwarkError(err));
      assert.equal(err.code, 'ADVISORY_DB_SCHEMA');
      message = err.message;
    }
    assert.match(message, /has schema version 1; this Bulwark reads schema \d+/);
    assert.match(message, /`bulwark db update` or `bulwark db import PATH` again/);
    assert.ok(!message.includes('\n'));
  });

  it('is rebuilt from scratch by db import, with a warning', async () => {
    const path = schema1();
    const summary = await importAdvisories(path, [pypiDir]);
    assert.match(summary.warnings[0] ?? '', /had schema version 1; rebuilt it from these inputs only/);
    assert.equal(summary.totalRecords, 10);
    const store = AdvisoryStore.open(path);
    try {
      assert.equal(store.status().schemaVersion, schemaVersion);
      assert.deepEqual(store.status().ecosystems, { PyPI: 10 }, 'nothing of the old file is merged in');
    } finally {
      store.close();
    }
  });

  it('is rebuilt from scratch by db update, with a warning', async () => {
    const path = schema1();
    const mirror = tempDir();
    mkdirSync(join(mirror, 'Go'));
    writeFileSync(join(mirror, 'Go', 'all.zip'), zipSync(zipEntries(rawRecords(goDir).map((r) => r.record))));
    const summary = await updateAdvisories(path, { source: mirror, ecosystems: ['Go'] });
    assert.ok(summary.warnings.some((w) => /schema version 1.*rebuilding it from scratch/.test(w)));
    const store = AdvisoryStore.open(path);
    try {
      assert.deepEqual(store.status().ecosystems, { Go: 10 });
      assert.equal(store.status().recordCount, 10);
    } finally {
      store.close();
    }
  });
});
