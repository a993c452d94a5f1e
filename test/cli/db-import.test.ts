import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/test-support/run-cli.js';

// `bulwark db import` as a user runs it: archives made by the real tar, a directory with
// stray non-OSV JSON, and one with nothing usable at all.
const goDir = fileURLToPath(new URL('../../src/core/advisory/testdata/go/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bulwark-db-import-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('bulwark db import', () => {
  test('a .tgz of OSV files imports like a zip', async () => {
    mkdirSync(join(work, 'src'));
    cpSync(goDir, join(work, 'src', 'go'), { recursive: true });
    execFileSync('tar', ['-czf', join(work, 'go.tgz'), '-C', join(work, 'src'), 'go']);
    const r = await runCli(['db', 'import', '--db', join(work, 'tgz.db'), join(work, 'go.tgz')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^imported 10 records from 10 files/m);
  });

  test('stray non-OSV JSON in a directory is skipped with a warning', async () => {
    const dir = join(work, 'mixed');
    cpSync(goDir, dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"mirror-tools","version":"1.0.0"}');
    const r = await runCli(['db', 'import', '--db', join(work, 'mixed.db'), dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^warning: .*package\.json: skipped: not an OSV record/m);
  });

  test('a directory with nothing usable fails non-zero and writes no database', async () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.json'), '{"hello":"world"}');
    const dbPath = join(work, 'empty.db');
    const r = await runCli(['db', 'import', '--db', dbPath, dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error\[ADVISORY_SOURCE\]: nothing to import: .*held no usable OSV records/m);
    assert.equal(existsSync(dbPath), false);
  });
});
