/**
 * Helpers for comparing runs of decimal digits of any length. Versions carry dates,
 * build numbers and timestamps that overflow 32-bit integers, and some ecosystems
 * (dpkg, rpm, Go) compare digit strings of unbounded length, so numbers are kept as
 * strings with leading zeros removed: longer means bigger, equal length compares
 * character by character.
 */

/** Removes leading zeros; "000" becomes "". */
export function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/** Compares two digit strings already stripped of leading zeros. */
export function compareStripped(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit string order (C `strcmp` on ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A number that compares with `<` across magnitudes: a JS number while exact
 * (15 digits or fewer), a bigint beyond. `1n < 2` is valid JS, so mixed pairs compare.
 */
export type BigNum = number | bigint;

export function toBigNum(digits: string): BigNum {
  const s = stripZeros(digits);
  return s.length <= 15 ? Number(s) : BigInt(s);
}

export function compareBigNum(a: BigNum, b: BigNum): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAlphaCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
