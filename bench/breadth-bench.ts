import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzers } from '../src/core/analyzer/analyzers.js';
import type { Analyzer } from '../src/core/analyzer/types.js';
import { walkLayer } from '../src/core/layer/walk-layer.js';
import { debianRootfs } from '../src/test-support/debian-rootfs.js';
import type { BenchRow } from './support.js';

/**
 * Issue 14's promise: the analyzers added for breadth cost nothing measurable on an image
 * holding none of their files. The real Debian root filesystem (one layer) is walked with
 * every analyzer and with the list as it stood before them; the ratio should be ~1.
 */
const breadthAnalyzers = new Set([
  'lang/bun',
  'lang/pylock',
  'lang/conda',
  'lang/pom',
  'lang/gradle',
  'lang/sbt',
  'lang/msbuild',
  'lang/hex',
  'lang/pub',
  'lang/swift',
  'lang/cocoapods',
  'lang/conan',
  'lang/julia',
  'lang/r',
  'lang/runtime',
]);

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function breadthBench(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'bulwark-bench-breadth-'));
  try {
    const { tarPath } = await debianRootfs();
    const walk = (list: readonly Analyzer[]) => async () => {
      const start = performance.now();
      await walkLayer(createReadStream(tarPath), { analyzers: list, tempDir: work, label: 'debian' });
      return performance.now() - start;
    };
    const before = analyzers.filter((a) => !breadthAnalyzers.has(a.name));
    // Alternated, so load from other processes falls on both lists alike; medians of each.
    await walk(analyzers)();
    const withoutMs: number[] = [];
    const allMs: number[] = [];
    for (let i = 0; i < 9; i++) {
      withoutMs.push(await walk(before)());
      allMs.push(await walk(analyzers)());
    }
    const without = middle(withoutMs);
    const all = middle(allMs);
    return [
      {
        name: 'Debian layer walk, all / pre-breadth analyzers',
        value: all / without,
        unit: 'x',
        note: `${all.toFixed(0)} ms vs ${without.toFixed(0)} ms (${before.length} of ${analyzers.length} analyzers); target ~1`,
      },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
