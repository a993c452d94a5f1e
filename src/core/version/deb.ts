import { compareStripped, isAlphaCode, isDigitCode, stripZeros } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Debian package versions, `[epoch:]upstream[-revision]`, ordered as dpkg does
 * (lib/dpkg/version.c `verrevcmp`, deb-version(7)). Each part is a sequence of
 * (non-digit run, digit run) pairs; non-digit runs compare character by character
 * with `~` before the end of the string, the end before letters, letters before
 * everything else; digit runs compare numerically.
 */
export interface DebVersion {
  epoch: number;
  /** Alternating [text, digits, text, digits, …]; digits stripped of leading zeros. */
  upstream: string[];
  revision: string[];
}

/** dpkg's `order()`: weight of one character inside a non-digit run; 0 is the end. */
function weight(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isAlphaCode(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

function compareText(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = weight(a, i) - weight(b, i);
    if (d !== 0) return d;
  }
  return 0;
}

function split(part: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < part.length) {
    let j = i;
    while (j < part.length && !isDigitCode(part.charCodeAt(j))) j++;
    let k = j;
    while (k < part.length && isDigitCode(part.charCodeAt(k))) k++;
    out.push(part.slice(i, j), stripZeros(part.slice(j, k)));
    i = k;
  }
  return out;
}

function compareParts(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 2) {
    const t = compareText(a[i] ?? '', b[i] ?? '');
    if (t !== 0) return t;
    const d = compareStripped(a[i + 1] ?? '', b[i + 1] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

const EPOCH = /^[0-9]+$/;

/**
 * Mirrors dpkg's `parseversion`: blank-trimmed, no embedded blanks, numeric epoch,
 * non-empty upstream and revision. dpkg only warns about odd characters (and still
 * compares), so those versions are accepted here too.
 */
function parse(raw: string): ParsedVersion<DebVersion> {
  const s = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  const bad = (reason: string): ParsedVersion<DebVersion> => ({ valid: false, raw, reason });
  if (s === '') return bad('version string is empty');
  if (/[ \t]/.test(s)) return bad('version string has embedded spaces');
  let rest = s;
  let epoch = 0;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (e === '') return bad('epoch in version is empty');
    if (!EPOCH.test(e)) return bad('epoch in version is not number');
    epoch = Number(e);
    if (epoch > 2147483647) return bad('epoch in version is too big');
    rest = s.slice(colon + 1);
    if (rest === '') return bad('nothing after colon in version number');
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (hyphen >= 0 && revision === '') return bad('revision number is empty');
  if (upstream === '') return bad('version number is empty');
  return { valid: true, raw, value: { epoch, upstream: split(upstream), revision: split(revision) } };
}

function compare(a: DebVersion, b: DebVersion): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  return compareParts(a.upstream, b.upstream) || compareParts(a.revision, b.revision);
}

export const deb: VersionScheme<DebVersion> = { name: 'deb', parse, compare };
