import { type BigNum, compareBigNum, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * R package versions (CRAN, Bioconductor), as R's `package_version()` reads them: at
 * least two non-negative integers separated by `.` or `-` (`1.2-3` = `1.2.3`), nothing
 * around them. Order is component by component, numerically (`1.10` > `1.9`,
 * `1.01` = `1.1`), missing trailing components counting as 0 (`1.2` = `1.2-0`, as R 4.2
 * answers). R keeps components as 32-bit integers: larger ones are invalid (R makes
 * them NA). Anything else (letters, `1`, empty parts) is invalid, as R refuses it.
 */
export type CranValue = BigNum[];

const CRAN = /^\d+(?:[.-]\d+)+$/;

function parse(raw: string): ParsedVersion<CranValue> {
  if (raw.length > 256) return { valid: false, raw, reason: 'longer than 256 characters' };
  if (!CRAN.test(raw))
    return { valid: false, raw, reason: 'not an R package version (digits separated by . or -)' };
  const value = raw.split(/[.-]/).map(toBigNum);
  if (value.some((n) => n > 2147483647))
    return { valid: false, raw, reason: 'component beyond R integer range' };
  return { valid: true, raw, value };
}

function compare(a: CranValue, b: CranValue): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareBigNum(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

export const cran: VersionScheme<CranValue> = { name: 'cran', parse, compare };
