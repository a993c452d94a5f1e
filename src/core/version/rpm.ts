import { compareStrings, compareStripped, isAlphaCode, isDigitCode, stripZeros } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * RPM versions, `[epoch:]version[-release]`, ordered as rpm 4.18 does: `rpmvercmp`
 * (rpmio/rpmvercmp.c) on each of epoch, version and release. Separators other than
 * letters, digits, `~` and `^` only split segments; `~` sorts before everything
 * (even the end), `^` after the end but before any further segment.
 */
export interface RpmVersion {
  /** Digits of the epoch without leading zeros; "" for none (epoch 0). */
  epoch: string;
  version: Token[];
  /** `undefined` when the string had no `-release`; rpm then sorts it below any release. */
  release: Token[] | undefined;
}

/** `~`, `^`, a digit run (stripped of leading zeros) or a letter run. */
type Token =
  | { kind: 'tilde' }
  | { kind: 'caret' }
  | { kind: 'num'; text: string }
  | { kind: 'alpha'; text: string };

const TILDE: Token = { kind: 'tilde' };
const CARET: Token = { kind: 'caret' };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 126) {
      out.push(TILDE);
      i++;
    } else if (c === 94) {
      out.push(CARET);
      i++;
    } else if (isDigitCode(c)) {
      let j = i + 1;
      while (j < s.length && isDigitCode(s.charCodeAt(j))) j++;
      out.push({ kind: 'num', text: stripZeros(s.slice(i, j)) });
      i = j;
    } else if (isAlphaCode(c)) {
      let j = i + 1;
      while (j < s.length && isAlphaCode(s.charCodeAt(j))) j++;
      out.push({ kind: 'alpha', text: s.slice(i, j) });
      i = j;
    } else {
      i++; // a separator: only ends the previous segment
    }
  }
  return out;
}

/** `rpmvercmp` over pre-split tokens. */
function rpmvercmp(a: Token[], b: Token[]): number {
  let i = 0;
  let j = 0;
  for (;;) {
    const x = a[i];
    const y = b[j];
    if (x?.kind === 'tilde' || y?.kind === 'tilde') {
      if (x?.kind !== 'tilde') return 1;
      if (y?.kind !== 'tilde') return -1;
    } else if (x?.kind === 'caret' || y?.kind === 'caret') {
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      if (x.kind !== 'caret') return 1;
      if (y.kind !== 'caret') return -1;
    } else {
      if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
      // A numeric segment is newer than an alphabetic one.
      if (x.kind !== y.kind) return x.kind === 'num' ? 1 : -1;
      const d = x.kind === 'num' ? compareStripped(x.text, y.text) : compareStrings(x.text, y.text);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    i++;
    j++;
  }
}

/** rpm's `parseEVR`: leading digits then `:` make the epoch; the last `-` starts the release. */
function parse(raw: string): ParsedVersion<RpmVersion> {
  if (raw === '') return { valid: false, raw, reason: 'version string is empty' };
  let i = 0;
  while (i < raw.length && isDigitCode(raw.charCodeAt(i))) i++;
  const hasEpoch = raw.charCodeAt(i) === 58; // ':'
  const epoch = hasEpoch ? stripZeros(raw.slice(0, i)) : '';
  const evr = hasEpoch ? raw.slice(i + 1) : raw;
  const dash = evr.lastIndexOf('-');
  const version = dash >= 0 ? evr.slice(0, dash) : evr;
  const release = dash >= 0 ? tokenize(evr.slice(dash + 1)) : undefined;
  return { valid: true, raw, value: { epoch, version: tokenize(version), release } };
}

function compare(a: RpmVersion, b: RpmVersion): number {
  const e = compareStripped(a.epoch, b.epoch);
  if (e !== 0) return e < 0 ? -1 : 1;
  const v = rpmvercmp(a.version, b.version);
  if (v !== 0) return v;
  if (a.release === undefined || b.release === undefined) {
    // rpm 4.18's rpmverCmp: a missing release sorts below any release, even "-".
    return a.release === b.release ? 0 : a.release === undefined ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}

export const rpm: VersionScheme<RpmVersion> = { name: 'rpm', parse, compare };
