/**
 * Shared by the vector generators: deterministic sampling, pair selection and the
 * vector file writer. Which pairs to ask is chosen with our comparators; the answers
 * always come from the reference tool.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemeName, VersionScheme } from '../src/core/version/types.js';
import { mulberry32 } from '../src/test-support/prng.js';
import type { Pair, Verdict } from '../src/test-support/reference-oracles.js';

export const ROOT = join(import.meta.dirname, '..');
export const OUT = join(ROOT, 'src/core/version/testdata');

/** Deterministic PRNG so regenerating gives the same file. */
export const rng = mulberry32;

export function sample<T>(items: T[], n: number, rand: () => number): T[] {
  const copy = [...items].sort();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** Neighbours in our sorted order, random pairs and the extra pairs, each in random direction. */
export function selectPairs(
  scheme: VersionScheme,
  versions: string[],
  random: number,
  extra: Pair[],
  seed: number,
): Pair[] {
  const rand = rng(seed);
  const parsed = versions.flatMap((raw) => {
    const p = scheme.parse(raw);
    return p.valid && !/[\s]/.test(raw) ? [{ raw, value: p.value }] : [];
  });
  parsed.sort((a, b) => scheme.compare(a.value, b.value) || (a.raw < b.raw ? -1 : 1));
  const out = new Map<string, Pair>();
  const add = (a: string, b: string): void => {
    if (a === b) return;
    const key = a < b ? `${a}\t${b}` : `${b}\t${a}`;
    if (!out.has(key)) out.set(key, rand() < 0.5 ? [a, b] : [b, a]);
  };
  for (let i = 1; i < parsed.length; i++) add(parsed[i - 1]!.raw, parsed[i]!.raw);
  for (let i = 0; i < random && parsed.length > 1; i++) {
    add(parsed[Math.floor(rand() * parsed.length)]!.raw, parsed[Math.floor(rand() * parsed.length)]!.raw);
  }
  for (const [a, b] of extra) add(a, b);
  return [...out.values()];
}

export function write(name: SchemeName, header: string[], lines: string[]): void {
  const file = join(OUT, `${name}-versions.txt`);
  const text = [...header.map((h) => `# ${h}`), ...lines].join('\n');
  writeFileSync(file, `${text}\n`);
  console.log(`${file}: ${lines.length} lines`);
}

export function verdictLines(pairs: readonly Pair[], verdicts: readonly (Verdict | '!')[]): string[] {
  return pairs.flatMap(([a, b], i) => (verdicts[i] === '!' ? [] : [`${a} ${verdicts[i]} ${b}`]));
}

export function toolVersion(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0]!.trim();
}
