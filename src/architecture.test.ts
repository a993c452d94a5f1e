import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// The layers of DESIGN.md §5: core is a library the server, sensors and CLI call,
// so it must never reach up into them.
const forbidden: Record<string, string[]> = {
  'src/core': ['src/cli', 'src/server', 'src/db', 'src/sensor', 'src/qql'],
};

/** Test helpers, fixture builders and reference oracles: never part of the package. */
const TEST_SUPPORT = 'src/test-support';
/** Where the shipped code starts: bin/bulwark.js runs dist/cli/main.js. */
// The CLI, and the sensor's scan worker, which the sensor forks by path (its CPU limit is
// attached to that child process), so no import reaches it.
const ENTRY_POINTS = ['src/cli/main.ts', 'src/sensor/scan/scan-worker.ts'];

const isTestFile = (file: string): boolean => file.endsWith('.test.ts');
const isTestSupport = (file: string): boolean => file.startsWith(`${TEST_SUPPORT}/`);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testdata') yield* sourceFiles(path);
    } else if (name.endsWith('.ts')) {
      yield path;
    }
  }
}

/** Relative imports of a file (static and dynamic), as repository paths without extension change. */
function relativeImports(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; target: string }[] = [];
  // `from './x.js'`, `import './x.js'`, `import('./x.js')` (lazy loading); any quotes, no interpolation.
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)(['"`])(\.[^'"`$]+)\1/g)) {
    const spec = match[2] as string;
    out.push({ spec, target: relative(process.cwd(), resolve(dirname(file), spec)) });
  }
  return out;
}

/** Shipped files: everything under src/ that the build compiles into dist/. */
const shipped = [...sourceFiles('src')].filter((f) => !isTestFile(f) && !isTestSupport(f));

test('src/core imports nothing from the layers above it', () => {
  const offences: string[] = [];
  for (const [root, banned] of Object.entries(forbidden)) {
    for (const file of sourceFiles(root)) {
      for (const { spec, target } of relativeImports(file)) {
        if (banned.some((b) => target.startsWith(`${b}/`))) offences.push(`${file}: ${spec}`);
      }
    }
  }
  assert.deepEqual(offences, []);
});

test('shipped code never imports test support', () => {
  const offences = shipped.flatMap((file) =>
    relativeImports(file)
      .filter(({ target }) => isTestSupport(target))
      .map(({ spec }) => `${file}: ${spec}`),
  );
  assert.deepEqual(offences, []);
});

test('every shipped file is reachable from the CLI: test helpers live in src/test-support', () => {
  // A file only tests import (a fixture builder, an oracle, an in-memory fake) would
  // still be compiled into dist/; this finds it wherever it sits.
  const reached = new Set<string>();
  const stack = [...ENTRY_POINTS];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const { target } of relativeImports(file)) {
      const ts = target.replace(/\.js$/, '.ts');
      if (existsSync(ts)) stack.push(ts);
    }
  }
  const unreached = shipped.filter((f) => !reached.has(f) && f !== 'src/architecture.test.ts');
  assert.deepEqual(unreached, []);
});
