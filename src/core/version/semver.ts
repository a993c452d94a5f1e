import { type BigNum, compareBigNum, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * SemVer 2.0.0 (https://semver.org, section 11), used for npm, crates.io and OSV
 * `SEMVER` ranges. Parsing follows node-semver's strict grammar: optional leading `v`,
 * surrounding blanks trimmed, no leading zeros, build metadata ignored for order.
 */
export interface SemverValue {
  major: BigNum;
  minor: BigNum;
  patch: BigNum;
  /** Pre-release identifiers: numeric ones as numbers, the rest as strings. Empty for a release. */
  pre: (BigNum | string)[];
}

const NUM = '0|[1-9]\\d*';
const ID = `(?:${NUM}|\\d*[a-zA-Z-][a-zA-Z0-9-]*)`;
const SEMVER = new RegExp(
  `^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${ID}(?:\\.${ID})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const NUMERIC = /^[0-9]+$/;

/** node-semver refuses longer strings and components beyond Number.MAX_SAFE_INTEGER. */
const MAX_LENGTH = 256;

export function preIdentifiers(pre: string | undefined): (BigNum | string)[] {
  if (pre === undefined) return [];
  return pre.split('.').map((id) => (NUMERIC.test(id) ? toBigNum(id) : id));
}

function parse(raw: string): ParsedVersion<SemverValue> {
  const s = raw.trim();
  if (s.length > MAX_LENGTH) return { valid: false, raw, reason: `longer than ${MAX_LENGTH} characters` };
  const m = SEMVER.exec(s);
  if (!m) return { valid: false, raw, reason: 'not a SemVer 2.0.0 version' };
  const [major, minor, patch] = [toBigNum(m[1]!), toBigNum(m[2]!), toBigNum(m[3]!)];
  for (const n of [major, minor, patch]) {
    if (n > Number.MAX_SAFE_INTEGER) return { valid: false, raw, reason: 'component too large' };
  }
  return { valid: true, raw, value: { major, minor, patch, pre: preIdentifiers(m[4]) } };
}

/** Section 11: numeric identifiers compare numerically and sort before alphanumeric ones. */
export function compareSemver(a: SemverValue, b: SemverValue): number {
  const d =
    compareBigNum(a.major, b.major) || compareBigNum(a.minor, b.minor) || compareBigNum(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  const n = Math.min(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    const xs = typeof x === 'string';
    if (xs !== (typeof y === 'string')) return xs ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

export const semver: VersionScheme<SemverValue> = { name: 'semver', parse, compare: compareSemver };
