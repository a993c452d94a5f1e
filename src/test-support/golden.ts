import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The one golden-file helper. A missing golden file fails the test; only
 * UPDATE_GOLDEN=1 writes (or rewrites) it. Callers blank volatile values first:
 * `blank` for values at known places in a JSON document, `blankText` for values
 * that can appear anywhere in a text (versions of a live archive, digests, temp paths).
 */
export function assertGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) assert.fail(`${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${path} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`,
  );
}

/** Replaces the values at the given dotted paths (arrays: `*`) with "<blanked>". */
export function blank(value: unknown, paths: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) blankPath(copy, path.split('.'));
  return copy;
}

function blankPath(node: unknown, keys: string[]): void {
  if (typeof node !== 'object' || node === null) return;
  const [key, ...rest] = keys;
  if (key === undefined) return;
  const obj = node as Record<string, unknown>;
  if (key === '*' && Array.isArray(node)) {
    for (const item of node) blankPath(item, rest);
    return;
  }
  if (!(key in obj)) return;
  if (rest.length === 0) obj[key] = '<blanked>';
  else blankPath(obj[key], rest);
}

/** `[value, placeholder]`: every occurrence of value (also URL-encoded) becomes placeholder. */
export type Replacements = [string, string][];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text blanking: the given values, then timestamps, sha256 digests, UUIDs and /tmp paths. */
export function blankText(text: string, replacements: Replacements): string {
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
