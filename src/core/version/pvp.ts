import { type BigNum, compareBigNum, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Haskell versions (Hackage packages, GHC releases), as `Data.Version` and Cabal's
 * `Version` order them: a non-empty list of non-negative integers separated by `.`,
 * compared as lists — component by component, numerically, and a list that is a prefix
 * of another is smaller (`1.0` < `1.0.0`, unlike R or rpm where they are equal). Leading
 * zeros do not count (`1.01` = `1.1`). The old `-tag` suffix (`1.0-beta`) is deprecated
 * and ignored by the order; OSV records never write one, so it is invalid here rather
 * than silently dropped.
 */
export type PvpValue = BigNum[];

const PVP = /^\d+(?:\.\d+)*$/;

function parse(raw: string): ParsedVersion<PvpValue> {
  if (raw.length > 256) return { valid: false, raw, reason: 'longer than 256 characters' };
  if (!PVP.test(raw)) return { valid: false, raw, reason: 'not a Haskell version (digits separated by .)' };
  return { valid: true, raw, value: raw.split('.').map(toBigNum) };
}

function compare(a: PvpValue, b: PvpValue): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareBigNum(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export const pvp: VersionScheme<PvpValue> = { name: 'pvp', parse, compare };
