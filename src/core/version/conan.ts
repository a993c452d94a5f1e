import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Conan 2 recipe versions (ConanCenter), by the ordering rules of Conan's `Version` model:
 * `main[-pre][+build]`; `main` is dot-separated items, an all-digit item compared as a
 * number, any other item (`1t` in OpenSSL's `1.1.1t`) compared with the other side as
 * text; trailing zero items do not count (`1.2.0` = `1.2`). A pre-release sorts before
 * the same main version without one (`1.0-rc1` < `1.0`); builds break ties. `pre` and
 * `build` are versions themselves, compared the same way.
 */
export interface ConanValue {
  main: (number | string)[];
  pre?: ConanValue;
  build?: ConanValue;
}

const plain = /^[A-Za-z0-9_.]+$/;

function items(text: string): (number | string)[] | undefined {
  const parts = text.split('.');
  if (parts.some((p) => p === '' || !plain.test(p))) return undefined;
  const out = parts.map((p) => (/^\d+$/.test(p) && p.length <= 15 ? Number(p) : p));
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}

function read(text: string): ConanValue | undefined {
  const plus = text.indexOf('+');
  const beforeBuild = plus < 0 ? text : text.slice(0, plus);
  const dash = beforeBuild.indexOf('-');
  const main = items(dash < 0 ? beforeBuild : beforeBuild.slice(0, dash));
  if (!main) return undefined;
  const value: ConanValue = { main };
  if (dash >= 0) {
    const pre = read(beforeBuild.slice(dash + 1));
    if (!pre) return undefined;
    value.pre = pre;
  }
  if (plus >= 0) {
    const build = read(text.slice(plus + 1));
    if (!build) return undefined;
    value.build = build;
  }
  return value;
}

function parse(raw: string): ParsedVersion<ConanValue> {
  if (raw.length > 256) return { valid: false, raw, reason: 'longer than 256 characters' };
  const value = read(raw.trim());
  return value ? { valid: true, raw, value } : { valid: false, raw, reason: 'not a Conan version' };
}

function compareItem(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareMain(a: (number | string)[], b: (number | string)[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareItem(a[i] as number | string, b[i] as number | string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Absent parts sort first, as an empty tuple does. */
function compareOptional(a: ConanValue | undefined, b: ConanValue | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return compare(a, b);
}

function compare(a: ConanValue, b: ConanValue): number {
  const main = compareMain(a.main, b.main);
  if (main !== 0) return main;
  if (a.pre && !b.pre) return -1;
  if (!a.pre && b.pre) return 1;
  const pre = compareOptional(a.pre, b.pre);
  return pre !== 0 ? pre : compareOptional(a.build, b.build);
}

export const conan: VersionScheme<ConanValue> = { name: 'conan', parse, compare };
