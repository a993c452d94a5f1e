// Parser and lookup speed on inputs far past real sizes: the timings the unit tests
// used to assert with wall-clock limits, printed here as ratios against a floor measured
// in the same run (reading the same bytes with JSON.parse or a line split, or the same
// work on a small input). Analyzers are driven through their `analyze` interface.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { AdvisoryStore } from '../src/core/advisory/store.js';
import { findSection, parseElf } from '../src/core/analyzer/binary/elf.js';
import { dotnetAnalyzer } from '../src/core/analyzer/lang/dotnet/dotnet-analyzer.js';
import { golangAnalyzer } from '../src/core/analyzer/lang/golang/golang-analyzer.js';
import { javaAnalyzer } from '../src/core/analyzer/lang/java/java-analyzer.js';
import { npmAnalyzer } from '../src/core/analyzer/lang/npm/npm-analyzer.js';
import { phpAnalyzer } from '../src/core/analyzer/lang/php/php-analyzer.js';
import { pythonAnalyzer } from '../src/core/analyzer/lang/python/python-analyzer.js';
import { rubyAnalyzer } from '../src/core/analyzer/lang/ruby/ruby-analyzer.js';
import { rustAnalyzer } from '../src/core/analyzer/lang/rust/rust-analyzer.js';
import type { Analyzer } from '../src/core/analyzer/types.js';
import {
  generateSyntheticRecords,
  syntheticLookups,
  writeSyntheticDatabase,
} from '../src/test-support/advisory-testdata-gen.js';
import { buildElf } from '../src/test-support/build-elf.js';
import { buildZip } from '../src/test-support/build-zip.js';
import { MemoryAdvisoryLookup } from '../src/test-support/memory-advisory-lookup.js';
import { hugePackageLock } from '../src/test-support/npm-test-helpers.js';
import type { BenchRow } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'bulwark-parser-bench-'));

function timeMs(fn: () => unknown, times = 1): number {
  const start = performance.now();
  for (let i = 0; i < times; i++) fn();
  return (performance.now() - start) / times;
}

async function analyzeMs(analyzer: Analyzer, path: string, text: string | Buffer): Promise<number> {
  const content = typeof text === 'string' ? Buffer.from(text) : text;
  const start = performance.now();
  await analyzer.analyze({ path, size: content.length, mode: 0o644, content, tempDir: scratch });
  return performance.now() - start;
}

function lines(n: number, line: (i: number) => string, head = ''): string {
  const parts = [head];
  for (let i = 0; i < n; i++) parts.push(line(i));
  return parts.join('');
}

/** A lockfile parser against the cheapest way to read the same bytes. */
async function lockfileRow(
  name: string,
  analyzer: Analyzer,
  path: string,
  text: string,
  json: boolean,
): Promise<BenchRow> {
  const floor = timeMs(() => (json ? JSON.parse(text) : text.split('\n').length));
  const ms = await analyzeMs(analyzer, path, text);
  return {
    name: `${name}: × ${json ? 'JSON.parse' : 'line split'}`,
    value: ms / floor,
    unit: '×',
    note: `${ms.toFixed(0)} ms vs ${floor.toFixed(0)} ms floor, ${(text.length / 2 ** 20).toFixed(0)} MiB (target: under 20×)`,
  };
}

async function lockfileRows(): Promise<BenchRow[]> {
  const million = 1_000_000;
  return [
    await lockfileRow(
      'package-lock.json, 1M entries',
      npmAnalyzer,
      'package-lock.json',
      hugePackageLock(million),
      true,
    ),
    await lockfileRow(
      'yarn.lock, 1M entries',
      npmAnalyzer,
      'yarn.lock',
      lines(million, (i) => `p${i}@^1.0.0:\n  version "1.0.${i % 100}"\n\n`, '# yarn lockfile v1\n\n'),
      false,
    ),
    await lockfileRow(
      'Gemfile.lock, 1M specs',
      rubyAnalyzer,
      'Gemfile.lock',
      lines(
        million,
        (i) => `    gem${i} (1.0.${i % 100})\n`,
        'GEM\n  remote: https://rubygems.org/\n  specs:\n',
      ),
      false,
    ),
    await lockfileRow(
      'composer.lock, 1M packages',
      phpAnalyzer,
      'composer.lock',
      `{"packages":[${Array.from({ length: million }, (_, i) => `{"name":"v/p${i}","version":"1.0.${i % 100}"}`).join(',')}]}`,
      true,
    ),
    await lockfileRow(
      'requirements.txt, 1M lines',
      pythonAnalyzer,
      'requirements.txt',
      lines(million, (i) => `package-${i}==1.0.${i % 100}\n`),
      false,
    ),
    await lockfileRow(
      'poetry.lock, 1M packages (refused)',
      pythonAnalyzer,
      'poetry.lock',
      lines(million, (i) => `[[package]]\nname = "p${i}"\nversion = "1.0.0"\n\n`),
      false,
    ),
    await lockfileRow(
      'Cargo.lock, 20k packages',
      rustAnalyzer,
      'Cargo.lock',
      lines(
        20_000,
        (i) =>
          `[[package]]\nname = "c${i}"\nversion = "0.1.${i}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n`,
      ),
      false,
    ),
    await lockfileRow(
      'deps.json, 200k libraries',
      dotnetAnalyzer,
      'app/big.deps.json',
      `{"runtimeTarget":{"name":"x"},"libraries":{${Array.from({ length: 200_000 }, (_, i) => `"Pkg.N${i}/1.0.${i}":{"type":"package","serviceable":true,"sha512":"sha512-x","path":"pkg.n${i}/1.0.${i}"}`).join(',')}}}`,
      true,
    ),
  ];
}

/** Work that must not grow with the file: the large input against a small one. */
async function sizeIndependentRows(): Promise<BenchRow[]> {
  const small = buildElf({ sections: [{ name: '.text', data: Buffer.alloc(64) }] });
  const big = Buffer.concat([small, Buffer.alloc(100 << 20)]);
  const elf = (buf: Buffer) => () => {
    const parsed = parseElf(buf);
    return parsed.ok && findSection(parsed.elf, '.text');
  };
  // Both paths are warmed before either is timed: the first calls pay for compilation.
  const ratio = (big: () => unknown, small: () => unknown): [number, number] => {
    timeMs(big, 5000);
    timeMs(small, 5000);
    const perBig = timeMs(big, 20000);
    return [perBig / timeMs(small, 20000), perBig];
  };
  const [elfRatio] = ratio(elf(big), elf(small));
  const go = (buf: Buffer) => () =>
    golangAnalyzer.analyze({
      path: 'usr/bin/x',
      size: buf.length,
      mode: 0o755,
      content: buf,
      tempDir: scratch,
    });
  const [goRatio, goBig] = ratio(go(big), go(small));

  // 1 GiB of zeros as ~1 MiB of deflate, declared honestly, against the same entry declared small.
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const bomb = Buffer.concat([...Array.from({ length: 1024 }, () => block), deflateRawSync(Buffer.alloc(0))]);
  const jar = (size: number) => buildZip([{ name: 'BOOT-INF/lib/evil.jar', data: bomb, method: 8, size }]);
  const averageMs = async (path: string, content: Buffer, times: number): Promise<number> => {
    let total = 0;
    for (let i = 0; i < times; i++) total += await analyzeMs(javaAnalyzer, path, content);
    return total / times;
  };
  const [honest, liar] = [jar(1024 * 1024 * 1024), jar(4096)];
  await averageMs('app/bomb.jar', honest, 5);
  await averageMs('app/liar.jar', liar, 5);
  const bombMs = await averageMs('app/bomb.jar', honest, 50);
  const liarMs = await averageMs('app/liar.jar', liar, 50);
  return [
    {
      name: 'ELF section lookup: 100 MiB file × 4 KiB file',
      value: elfRatio,
      unit: '×',
      note: 'headers only, never the body (target: under 3×)',
    },
    {
      name: 'Go analyzer on a 100 MiB non-Go ELF × small one',
      value: goRatio,
      unit: '×',
      note: `${(goBig * 1000).toFixed(1)} µs each (target: under 3×)`,
    },
    {
      name: 'zip bomb in a jar (1 GiB declared) × lying entry',
      value: bombMs / liarMs,
      unit: '×',
      note: `${bombMs.toFixed(2)} ms: refused from the declared size, never inflated (target: under 3×)`,
    },
  ];
}

/**
 * The store.test.ts workload (4000 lookups, half of them hits, on a freshly opened
 * 3000-record store) against the same lookups in an in-memory index of the same records:
 * the store's price for reading from disk. A scan instead of a probe would be far above.
 */
function lookupRows(): BenchRow[] {
  const lookups = syntheticLookups(4000, 9, 0.5);
  const dbPath = join(scratch, 'vuln.db');
  writeSyntheticDatabase(dbPath, 3000, 7);
  const memory = new MemoryAdvisoryLookup(generateSyntheticRecords(3000, 7));
  const median = (fn: () => number): number => {
    const runs = Array.from({ length: 5 }, fn).sort((x, y) => x - y);
    return runs[2] as number;
  };
  const all = (lookup: (ecosystem: string, name: string) => unknown) => () => {
    for (const l of lookups) lookup(l.ecosystem, l.name);
  };
  const storeMs = median(() => {
    const store = AdvisoryStore.open(dbPath);
    const ms = timeMs(all((e, n) => store.lookup(e, n)));
    store.close();
    return ms;
  });
  const memoryMs = median(() => timeMs(all((e, n) => memory.lookup(e, n))));
  return [
    {
      name: 'advisory lookups: store × in-memory index',
      value: storeMs / memoryMs,
      unit: '×',
      note: `${storeMs.toFixed(0)} ms for ${lookups.length} lookups (half hits) on a fresh 3000-record store (target: under 200×; a scan per lookup is thousands)`,
    },
  ];
}

export async function parserBench(): Promise<BenchRow[]> {
  return [...(await lockfileRows()), ...(await sizeIndependentRows()), ...lookupRows()];
}
