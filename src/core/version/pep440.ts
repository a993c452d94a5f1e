import { type BigNum, compareBigNum, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Python versions per PEP 440, parsed and ordered as `packaging.version.Version`
 * does: its VERSION_PATTERN (case-insensitive, surrounding whitespace allowed),
 * normalised spellings (alpha→a, c/pre/preview→rc, rev/r→post, `1.0-1`→post 1),
 * trailing zeros of the release ignored, and `_cmpkey`'s order:
 * X.YdevN < X.YaN.devM < X.YaN < X.YaN.postM < X.Y < X.Y.postN.devM < X.Y.postN, then local.
 */
export interface Pep440Version {
  epoch: BigNum;
  /** Release segments with trailing zeros removed (1.0.0 == 1). */
  release: BigNum[];
  /** -1: dev-only release (sorts before pre-releases), 0/1/2: a/b/rc, 3: none. */
  preKind: number;
  preNum: BigNum;
  /** -1 when there is no post release. */
  post: BigNum;
  /** Infinity when there is no dev release. */
  dev: BigNum;
  /** Local segments (numeric or lower-cased text); undefined sorts below any local. */
  local: (BigNum | string)[] | undefined;
}

const PATTERN = new RegExp(
  '^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)' +
    '([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?' +
    '((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?' +
    '([-_.]?(dev)[-_.]?([0-9]+)?)?)' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_KIND: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
const DIGITS = /^[0-9]+$/;

function parse(raw: string): ParsedVersion<Pep440Version> {
  const m = PATTERN.exec(raw);
  if (!m) return { valid: false, raw, reason: 'not a PEP 440 version' };
  const release = m[2]!.split('.').map(toBigNum);
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const hasPre = m[3] !== undefined;
  const hasPost = m[6] !== undefined;
  const hasDev = m[10] !== undefined;
  const value: Pep440Version = {
    epoch: toBigNum(m[1] ?? '0'),
    release,
    preKind: hasPre ? PRE_KIND[m[4]!.toLowerCase()]! : !hasPost && hasDev ? -1 : 3,
    preNum: toBigNum(m[5] ?? '0'),
    post: hasPost ? toBigNum(m[7] ?? m[9] ?? '0') : -1,
    dev: hasDev ? toBigNum(m[12] ?? '0') : Number.POSITIVE_INFINITY,
    local:
      m[13] === undefined
        ? undefined
        : m[13].split(/[-_.]/).map((s) => (DIGITS.test(s) ? toBigNum(s) : s.toLowerCase())),
  };
  return { valid: true, raw, value };
}

function compareRelease(a: BigNum[], b: BigNum[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareBigNum(a[i]!, b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Local segments: numbers sort after strings, strings alphabetically, longer wins a tie. */
function compareLocal(a: (BigNum | string)[] | undefined, b: (BigNum | string)[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xs = typeof x === 'string';
    if (xs !== (typeof y === 'string')) return xs ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function compare(a: Pep440Version, b: Pep440Version): number {
  return (
    compareBigNum(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    a.preKind - b.preKind ||
    (a.preKind >= 0 && a.preKind < 3 ? compareBigNum(a.preNum, b.preNum) : 0) ||
    compareBigNum(a.post, b.post) ||
    compareBigNum(a.dev, b.dev) ||
    compareLocal(a.local, b.local)
  );
}

export const pep440: VersionScheme<Pep440Version> = { name: 'pep440', parse, compare };
