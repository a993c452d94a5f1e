import { compareStrings, isDigitCode } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Alpine apk versions: `digit{.digit}…{letter}{_suffix{N}}…{~hash}{-rN}`, ordered as
 * apk-tools' src/version.c does (token_next / token_cmp / apk_version_compare).
 * A version is a sequence of typed tokens; equal prefixes are compared token by token,
 * and when one runs out first the token kinds decide (a pre-release suffix sorts below
 * the end, otherwise the version with more components is newer).
 */

/** Token kinds in apk-tools' order; the order itself is used when one version runs out. */
enum Kind {
  InitialDigit = 0,
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  CommitHash = 5,
  RevisionNo = 6,
  End = 7,
}

/** Suffix values as apk-tools numbers them; below `NONE` (5) means pre-release. */
const SUFFIXES: Record<string, number> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const SUFFIX_NONE = 5;

interface Token {
  kind: Kind;
  /** Numeric value for digit tokens, suffix rank for suffixes, char code for letters. */
  num: number;
  /** Raw text: digits with leading zeros compare as strings, hashes always do. */
  text: string;
}

export type ApkVersion = Token[];

function readDigits(s: string, i: number): number {
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  return i;
}

function tokenize(s: string): Token[] | string {
  const out: Token[] = [];
  let i = readDigits(s, 0);
  if (i === 0) return 'version does not start with a digit';
  out.push({ kind: Kind.InitialDigit, num: Number(s.slice(0, i)), text: s.slice(0, i) });
  let prev: Kind = Kind.InitialDigit;
  while (i < s.length) {
    const c = s[i] as string;
    let tok: Token;
    if (c >= 'a' && c <= 'z') {
      if (prev > Kind.Digit) return `unexpected letter at ${i}`;
      tok = { kind: Kind.Letter, num: c.charCodeAt(0), text: c };
      i++;
    } else if (c === '.' || (c >= '0' && c <= '9')) {
      // A bare digit run can only follow a suffix name (`_rc2`); after a dot it is a component.
      if (c === '.' ? prev > Kind.Digit : prev !== Kind.Suffix) return `unexpected '${c}' at ${i}`;
      const start = c === '.' ? i + 1 : i;
      const end = readDigits(s, start);
      if (end === start) return `missing digits at ${start}`;
      const text = s.slice(start, end);
      tok = { kind: c === '.' ? Kind.Digit : Kind.SuffixNo, num: Number(text), text };
      i = end;
    } else if (c === '_') {
      if (prev > Kind.SuffixNo) return `unexpected suffix at ${i}`;
      let end = i + 1;
      while (end < s.length && s[end]! >= 'a' && s[end]! <= 'z') end++;
      const name = s.slice(i + 1, end);
      const rank = SUFFIXES[name];
      if (rank === undefined) return `invalid suffix '_${name}'`;
      tok = { kind: Kind.Suffix, num: rank, text: name };
      i = end;
    } else if (c === '~') {
      if (prev >= Kind.CommitHash) return `unexpected '~' at ${i}`;
      let end = i + 1;
      while (end < s.length && /[0-9a-f]/.test(s[end]!)) end++;
      if (end === i + 1) return 'empty commit hash';
      tok = { kind: Kind.CommitHash, num: 0, text: s.slice(i + 1, end) };
      i = end;
    } else if (c === '-') {
      if (prev >= Kind.RevisionNo || s[i + 1] !== 'r') return `unexpected '-' at ${i}`;
      const end = readDigits(s, i + 2);
      if (end === i + 2) return 'revision without number';
      const text = s.slice(i + 2, end);
      tok = { kind: Kind.RevisionNo, num: Number(text), text };
      i = end;
    } else {
      return `invalid character '${c}' at ${i}`;
    }
    out.push(tok);
    prev = tok.kind;
  }
  return out;
}

function parse(raw: string): ParsedVersion<ApkVersion> {
  const t = tokenize(raw);
  return typeof t === 'string' ? { valid: false, raw, reason: t } : { valid: true, raw, value: t };
}

/** apk_blob_sort: byte order, then shorter first. */
function blobSort(a: string, b: string): number {
  return compareStrings(a, b);
}

function tokenCompare(a: Token, b: Token): number {
  if (a.kind === Kind.CommitHash) return blobSort(a.text, b.text);
  // Gentoo rule kept by apk: a component with a leading zero compares as a string.
  if (a.kind === Kind.Digit && (a.text.charCodeAt(0) === 48 || b.text.charCodeAt(0) === 48)) {
    return blobSort(a.text, b.text);
  }
  return a.num - b.num;
}

function compare(a: ApkVersion, b: ApkVersion): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind) break;
    const d = tokenCompare(x, y);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const x = a[i];
  const y = b[i];
  const xk = x?.kind ?? Kind.End;
  const yk = y?.kind ?? Kind.End;
  if (xk === yk) return 0;
  if (x?.kind === Kind.Suffix && x.num < SUFFIX_NONE) return -1;
  if (y?.kind === Kind.Suffix && y.num < SUFFIX_NONE) return 1;
  return xk > yk ? -1 : 1;
}

export const apk: VersionScheme<ApkVersion> = { name: 'apk', parse, compare };
