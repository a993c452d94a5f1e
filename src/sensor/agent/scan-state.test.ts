/** The scan state file: a file of another shape only costs rescans, never a throw. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { ScanStateFile } from './scan-state.js';

it('a state file of another shape starts empty and can be marked', () => {
  for (const text of ['null', '[1,2]', '{"images":"x","containers":7}', '{broken']) {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-state-'));
    writeFileSync(join(dir, 'scan-state.json'), text);
    const state = new ScanStateFile(dir);
    assert.equal(state.state.images['sha256:a'], undefined, text);
    state.markImage('sha256:a', 1);
    state.markContainer('c1', 'sha256:a', 2);
    assert.deepEqual(new ScanStateFile(dir).state, {
      images: { 'sha256:a': { scannedAt: 1 } },
      containers: { c1: { scannedAt: 2, imageId: 'sha256:a' } },
    });
  }
});
