/**
 * Golden files for the scan e2e test: volatile values (versions from the live
 * bookworm archive, image ids, temp paths, timestamps, UUIDs) are blanked before
 * comparing. Rewrite with UPDATE_GOLDEN=1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Replacements = [string, string][];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function blank(text: string, replacements: Replacements): string {
  let out = text;
  // Longest first: a fixed version `X+1` contains the installed version `X`.
  for (const [value, placeholder] of [...replacements].sort((a, b) => b[0].length - a[0].length)) {
    if (!value) continue;
    out = out.replace(new RegExp(escapeRegExp(value), 'g'), placeholder);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), placeholder);
  }
  return out
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<TIMESTAMP>')
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<DIGEST>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>')
    .replace(/\/tmp\/[^\s"'<>]*/g, '<TMP>');
}

export function checkGolden(name: string, actual: string): void {
  const path = join(import.meta.dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      assert.fail(`${path} is missing; run with UPDATE_GOLDEN=1 to write it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`,
  );
}
