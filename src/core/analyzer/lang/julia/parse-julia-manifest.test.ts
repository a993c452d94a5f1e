import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { juliaAnalyzer } from './julia-analyzer.js';
import { parseJuliaManifest } from './parse-julia-manifest.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'Manifest.toml'), 'utf8');

describe('Julia Manifest.toml', () => {
  it('format 2.0: registered packages; standard libraries (no version) skipped', () => {
    const r = parseJuliaManifest(text, 'app/Manifest.toml');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      ['HTTP@1.10.0', 'JSON@0.21.4', 'URIs@1.5.1'],
    );
  });

  it('the pre-2.0 format (names at the top level)', () => {
    const old = '[[JSON]]\nuuid = "682c06a0-de6a-54ab-a142-c8b1cf79cde6"\nversion = "0.21.1"\n';
    assert.deepEqual(
      parseJuliaManifest(old, 'Manifest.toml').packages.map((p) => `${p.name}@${p.version}`),
      ['JSON@0.21.1'],
    );
  });

  it('broken TOML is an unknown', () =>
    assert.match(
      parseJuliaManifest('[[deps.X]\n', 'Manifest.toml').unknowns[0]?.reason ?? '',
      /malformed TOML/,
    ));

  const wants: [string, boolean][] = [
    ['app/Manifest.toml', true],
    ['app/Manifest-v1.10.toml', true],
    ['root/.julia/packages/HTTP/abc/Manifest.toml', false],
    ['app/Project.toml', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(juliaAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
