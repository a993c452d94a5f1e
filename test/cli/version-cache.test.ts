import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Workspace, workspace } from './fixtures.js';

let ws: Workspace;
before(async () => {
  ws = await workspace('bulwark-version-cache-');
});
after(() => rm(ws.dir, { recursive: true, force: true }));

describe('bulwark version', () => {
  test('shows the database age and record counts, as text and JSON', async () => {
    const text = await ws.cli(['version', '--db', 'db/vuln.db']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Version: \d+\.\d+\.\d+/);
    assert.match(text.stdout, /Updated: {2}\S+ \(\d+ s ago\)/);
    assert.match(text.stdout, /Records: {2}1 \(0 withdrawn\)/);
    const json = await ws.cli(['version', '--db', 'db/vuln.db', '--format', 'JSON']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout);
    assert.equal(doc.db.present, true);
    assert.equal(doc.db.recordCount, 1);
    assert.deepEqual(doc.db.ecosystems, { Debian: 1 });
    assert.ok(doc.db.ageSeconds >= 0 && doc.db.ageSeconds < 3600);
  });

  test('says when there is no database', async () => {
    const json = await ws.cli(['version', '--db', 'db/none.db', '-f', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).db, { path: 'db/none.db', present: false });
  });
});

describe('bulwark cache clean', () => {
  test('layers, db, all — and only what was asked', async () => {
    const cache = join(ws.dir, 'cache');
    const scanned = await ws.cli(['sbom', '--cache-dir', cache, 'image.tar']);
    assert.equal(scanned.code, 0, scanned.stderr);
    assert.ok((await readdir(join(cache, 'layers'))).length > 0, 'the scan filled the layer cache');

    const layers = await ws.cli(['cache', 'clean', 'layers', '--cache-dir', cache, '--db', 'db/vuln.db']);
    assert.equal(layers.code, 0, layers.stderr);
    assert.match(layers.stdout, /^removed layer cache: /);
    assert.equal(existsSync(join(cache, 'layers')), false);
    assert.equal(existsSync(join(ws.dir, 'db/vuln.db')), true, 'the database stays');

    const again = await ws.cli(['cache', 'clean', 'all', '--cache-dir', cache, '--db', 'db/vuln.db']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^layer cache: nothing at /m);
    assert.match(again.stdout, /^removed vulnerability database: db\/vuln\.db/m);
    assert.equal(existsSync(join(ws.dir, 'db/vuln.db')), false);

    const bad = await ws.cli(['cache', 'clean', 'everything']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected one of layers, db, all/);
  });
});
