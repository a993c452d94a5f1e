import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { OsvRecord } from '../core/advisory/osv-types.js';

/** Shared by this folder's tests only. */
export const testdata = fileURLToPath(new URL('../core/advisory/testdata/', import.meta.url));
export const goDir = join(testdata, 'go');
export const pypiDir = join(testdata, 'pypi');

const made: string[] = [];
// Each test file runs in its own process: its temp dirs go when it ends.
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-advisory-'));
  made.push(dir);
  return dir;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The raw records straight from the files: the truth the store is checked against. */
export function rawRecords(dir: string): { path: string; record: OsvRecord }[] {
  return walk(dir)
    .filter((p) => /\.(json|ya?ml)$/.test(p))
    .sort()
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path, record: (path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as OsvRecord };
    });
}

/** zip members for `<prefix><id>.json`, as OSV's all.zip lays them out. */
export function zipEntries(records: OsvRecord[], prefix = ''): Record<string, Uint8Array> {
  return Object.fromEntries(records.map((r) => [`${prefix}${r.id}.json`, Buffer.from(JSON.stringify(r))]));
}

/** Files a failed run must not leave behind next to the database. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('.'));
}
