import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { zipSync } from 'fflate';
import type { DbStatus } from '../../core/advisory/db-types.js';
import { isBulwarkError } from '../../core/errors.js';
import { dbCommand } from './db.js';

const testdata = fileURLToPath(new URL('../../core/advisory/testdata/', import.meta.url));

/** Runs `bulwark db …` in-process and returns what it wrote to stdout and stderr. */
async function run(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command('bulwark').exitOverride().addCommand(dbCommand());
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  // The test runner reports to its parent on stdout in binary frames whenever the event
  // loop turns (the commands load modules lazily): those pass through, only text is captured.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (out as (...args: unknown[]) => boolean)(chunk, ...rest);
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (err as (...args: unknown[]) => boolean)(chunk, ...rest);
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['db', ...args], { from: 'user' });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { stdout, stderr };
}

describe('bulwark db', () => {
  it('import, then status (table and --json) shows records per ecosystem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-db-cli-'));
    const dbPath = join(dir, 'vuln.db');
    const alien = join(dir, 'alien.json');
    writeFileSync(
      alien,
      JSON.stringify({
        id: 'OSV-2099-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'Frob', name: 'x' } }],
      }),
    );
    const imported = await run('import', '--db', dbPath, join(testdata, 'go'), join(testdata, 'pypi'), alien);
    assert.match(imported.stdout, /imported 20 records from 21 files, skipped 1/);
    assert.match(imported.stdout, new RegExp(`database ${dbPath}: 20 records`));
    assert.match(imported.stderr, /warning: .*alien\.json: skipped OSV-2099-1: unknown ecosystem Frob/);

    const table = (await run('status', '--db', dbPath)).stdout;
    assert.match(table, /^database {2}.*vuln\.db \(\d+\.\d kB, schema 3\)$/m);
    assert.match(table, /^Go +10$/m);
    assert.match(table, /^PyPI +10$/m);
    assert.match(table, /^records {3}20 \(1 withdrawn\)$/m);

    const status = JSON.parse((await run('status', '--db', dbPath, '--json')).stdout) as DbStatus;
    assert.deepEqual(status.ecosystems, { Go: 10, PyPI: 10 });
    assert.equal(status.path, dbPath);
    // alien.json delivered no record, so it is not listed as a source.
    assert.deepEqual(
      status.sources.map((s) => s.recordCount),
      [10, 10],
    );
  });

  it('update from a local directory, with --ecosystem', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'bulwark-db-mirror-'));
    mkdirSync(join(mirror, 'Go'));
    writeFileSync(
      join(mirror, 'Go', 'all.zip'),
      zipSync({
        'GO-2020-0001.json': new TextEncoder().encode(
          JSON.stringify({
            id: 'GO-2020-0001',
            modified: '2024-01-01T00:00:00Z',
            affected: [{ package: { ecosystem: 'Go', name: 'github.com/gin-gonic/gin' } }],
          }),
        ),
      }),
    );
    const dbPath = join(mirror, 'out', 'vuln.db');
    const first = await run('update', '--db', dbPath, '--source', mirror, '--ecosystem', 'go');
    assert.match(first.stdout, /^Go: updated, 1 records/m);
    const second = await run('update', '--db', dbPath, '--source', mirror, '-e', 'Go');
    assert.match(second.stdout, /^Go: not modified, 1 records kept$/m);
  });

  it('errors are coded BulwarkErrors for the top level to print', async () => {
    const missing = join(tmpdir(), 'bulwark-no-such-dir', 'vuln.db');
    await assert.rejects(run('status', '--db', missing), (err: unknown) =>
      isBulwarkError(err, 'ADVISORY_DB_MISSING'),
    );
    await assert.rejects(run('update', '--db', missing, '--timeout', 'soon'), (err: unknown) =>
      isBulwarkError(err, 'USAGE'),
    );
    await assert.rejects(run('update', '--db', missing, '-e', 'cobol'), (err: unknown) =>
      isBulwarkError(err, 'USAGE'),
    );
  });
});
