import { type BigNum, compareBigNum, compareStrings, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * RubyGems versions, as `Gem::Version` (rubygems/version.rb) reads and orders them:
 * valid when matching `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`
 * (blank means "0"); `-` is read as `.pre.`; segments are digit runs or letter runs;
 * any letter makes a prerelease. `<=>` compares "canonical segments" (trailing zeros
 * of the numeric part and of the string part dropped), missing segments count as 0,
 * a string segment sorts before a number.
 */
export type GemVersion = (BigNum | string)[];

const VALID = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;

function dropTrailingZeros(segments: GemVersion): GemVersion {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0) end--;
  return segments.slice(0, end);
}

function parse(raw: string): ParsedVersion<GemVersion> {
  // Ruby's String#strip: whitespace and NUL.
  const s = raw.replace(/^[\s\0]+|[\s\0]+$/g, '');
  const text = s === '' ? '0' : s;
  if (!VALID.test(text)) return { valid: false, raw, reason: 'not a RubyGems version' };
  const segments: GemVersion = (text.replaceAll('-', '.pre.').match(SEGMENT) ?? []).map((p) =>
    p.charCodeAt(0) <= 57 ? toBigNum(p) : p,
  );
  const firstString = segments.findIndex((p) => typeof p === 'string');
  const cut = firstString < 0 ? segments.length : firstString;
  const value = [...dropTrailingZeros(segments.slice(0, cut)), ...dropTrailingZeros(segments.slice(cut))];
  return { valid: true, raw, value };
}

function compare(a: GemVersion, b: GemVersion): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    const xs = typeof x === 'string';
    const ys = typeof y === 'string';
    if (xs !== ys) return xs ? -1 : 1;
    return xs ? compareStrings(x as string, y as string) : compareBigNum(x as BigNum, y as BigNum);
  }
  return 0;
}

/** Gem::Version#prerelease?: any letter in the version. */
export function isGemPrerelease(raw: string): boolean {
  return /[a-zA-Z]/.test(raw);
}

export const gem: VersionScheme<GemVersion> = { name: 'gem', parse, compare };
