import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSupportedEcosystemsDocFresh } from '../../../scripts/gen-supported-ecosystems.js';
import { analyzerInputs } from '../../../scripts/supported-ecosystems-data.js';
import { analyzers } from './analyzers.js';

test('docs/supported-ecosystems.md is what the analyzer and matcher lists generate (run scripts/gen-supported-ecosystems.ts)', () => {
  assert.ok(
    isSupportedEcosystemsDocFresh(),
    'stale: run node --import tsx scripts/gen-supported-ecosystems.ts',
  );
});

test('supported ecosystems: every analyzer has a row, every row a listed analyzer', () => {
  const listed = analyzers.map((a) => a.name).sort();
  const documented = [...new Set(analyzerInputs.map((r) => r.analyzer))].sort();
  assert.deepEqual(documented, listed);
});

test('supported ecosystems: every example path is one its analyzer wants', () => {
  const missed: string[] = [];
  for (const row of analyzerInputs) {
    const analyzer = analyzers.find((a) => a.name === row.analyzer);
    for (const example of row.examples) {
      const executable = example.endsWith('*');
      const path = executable ? example.slice(0, -1) : example;
      const info = { path, mode: executable ? 0o755 : 0o644, size: 1 << 20 };
      if (!analyzer?.wants(info)) missed.push(`${row.analyzer}: ${example}`);
    }
  }
  assert.deepEqual(missed, []);
});
