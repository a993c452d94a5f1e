import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { runAnalyzer } from '../layer/file-analysis.js';
import { analyzers } from './analyzers.js';

// An unknown already carries its path and every output prints it; a reason that repeats
// it reads `/lib/apk/db/installed: lib/apk/db/installed: …`.

const root = new URL('.', import.meta.url).pathname;

function fixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fixtures(path, out);
    else if (dir.split('/').includes('testdata')) out.push(path);
  }
  return out;
}

/** Where package databases live: fixture file names alone would not be wanted by their analyzer. */
const databasePaths = [
  'lib/apk/db/installed',
  'var/lib/dpkg/status',
  'var/lib/rpm/Packages',
  'var/lib/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/Packages.db',
];

describe('unknown reasons', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'bulwark-reasons-'));
  after(() => rmSync(tempDir, { recursive: true, force: true }));

  it('never repeat the path the unknown carries, for every analyzer over every fixture, whole or cut short', async () => {
    let checked = 0;
    for (const file of fixtures(root)) {
      const whole = readFileSync(file);
      // Cutting a fixture short makes most parsers report what they could not read.
      const contents = [whole, whole.subarray(0, Math.floor(whole.length / 2))];
      const paths = [relative(root, file), ...databasePaths];
      for (const analyzer of analyzers) {
        for (const path of paths) {
          for (const content of contents) {
            const info = { path, size: content.length, mode: 0o644 };
            if (!analyzer.wants(info)) continue;
            const result = await runAnalyzer(analyzer, info, content, tempDir);
            for (const unknown of result.unknowns ?? []) {
              checked++;
              const bare = unknown.path.replace(/^\/+/, '');
              assert.ok(
                !unknown.reason.includes(`${bare}: `),
                `${analyzer.name} on ${path}: reason repeats its path: ${unknown.reason}`,
              );
            }
          }
        }
      }
    }
    // The check means something only if the fixtures do produce unknowns.
    assert.ok(checked > 10, `only ${checked} unknowns were checked`);
  });
});
