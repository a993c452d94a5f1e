/**
 * Reads a `testdata/*-versions.txt` vector file (`a < b`, `a = b`, `a > b`, `! v` for a
 * version the reference tool rejects, `#` comments) and checks every line against a
 * scheme. Shared by every comparator's test; also used by the live tests.
 */
import { readFileSync } from 'node:fs';
import type { VersionScheme } from '../core/version/types.js';
import type { Verdict } from './reference-oracles.js';

export interface VectorFile {
  pairs: { a: string; op: Verdict; b: string }[];
  invalid: string[];
}

export function readVectors(path: string): VectorFile {
  return parseVectors(readFileSync(path, 'utf8').split('\n'), path);
}

/** The same format from an in-test table: `['1.0~rc1 < 1.0', '! not-a-version']`. */
export function parseVectors(lines: readonly string[], origin = 'table'): VectorFile {
  const out: VectorFile = { pairs: [], invalid: [] };
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    // "! v": everything after "! " is the version, blanks included.
    if (line.startsWith('! ')) {
      out.invalid.push(line.slice(2));
      continue;
    }
    const f = line.split(' ');
    if (f.length === 3 && (f[1] === '<' || f[1] === '=' || f[1] === '>'))
      out.pairs.push({ a: f[0]!, op: f[1], b: f[2]! });
    else throw new Error(`${origin}: malformed vector line: ${line}`);
  }
  return out;
}

export function verdictOf(scheme: VersionScheme, a: string, b: string): Verdict | '!' {
  const pa = scheme.parse(a);
  const pb = scheme.parse(b);
  if (!pa.valid || !pb.valid) return '!';
  const c = scheme.compare(pa.value, pb.value);
  return c < 0 ? '<' : c > 0 ? '>' : '=';
}

export interface VectorResult {
  compared: number;
  invalidChecked: number;
  /** Human-readable disagreements, e.g. `1.0~rc1 < 1.0: we say >`. */
  disagreements: string[];
}

/** Checks every pair (both directions) and every invalid line. */
export function checkVectors(scheme: VersionScheme, file: VectorFile): VectorResult {
  const disagreements: string[] = [];
  const flip: Record<Verdict, Verdict> = { '<': '>', '=': '=', '>': '<' };
  for (const { a, op, b } of file.pairs) {
    const got = verdictOf(scheme, a, b);
    const back = verdictOf(scheme, b, a);
    if (got !== op || back !== flip[op])
      disagreements.push(`${a} ${op} ${b}: we say ${got} (reverse ${back})`);
  }
  for (const v of file.invalid) {
    if (scheme.parse(v).valid) disagreements.push(`${v} is invalid for the reference tool but valid for us`);
  }
  return { compared: file.pairs.length, invalidChecked: file.invalid.length, disagreements };
}

/** About `n` pairs spread evenly over the file, for the live re-check against the real tool. */
export function spread(file: VectorFile, n: number): { a: string; op: Verdict; b: string }[] {
  const step = Math.max(1, Math.floor(file.pairs.length / n));
  return file.pairs.filter((_, i) => i % step === 0).slice(0, n);
}
