import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analyzer } from '../analyzer/types.js';
import { runAnalyzer } from './file-analysis.js';

// Stand-in analyzers (no real analyzer throws on purpose): the walker is the one guard,
// so analyzers carry no try/catch of their own.
function throwing(kind: 'sync' | 'async'): Analyzer {
  return {
    name: 'test/throws',
    version: 1,
    wants: () => true,
    analyze: () => {
      if (kind === 'sync') throw new Error('boom');
      return Promise.reject(new Error('boom'));
    },
  };
}

describe('runAnalyzer with a stand-in analyzer that throws', () => {
  for (const kind of ['sync', 'async'] as const) {
    it(`turns a ${kind} throw into an unknown for the file`, async () => {
      const info = { path: 'srv/app/Cargo.lock', size: 3, mode: 0o644 };
      const result = await runAnalyzer(throwing(kind), info, Buffer.from('abc'), '/nonexistent');
      assert.deepEqual(result, {
        unknowns: [{ path: 'srv/app/Cargo.lock', reason: 'analyzer failed: boom' }],
      });
    });
  }
});
