import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Compares text with a golden file; UPDATE_GOLDEN=1 rewrites the file instead.
 * Callers blank volatile values (timestamps, random ids) before comparing.
 */
export function assertGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`);
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
