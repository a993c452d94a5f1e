import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePylock } from './parse-pylock.js';
import { pylockAnalyzer } from './pylock-analyzer.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'pylock.toml'), 'utf8');

describe('pylock.toml (PEP 751)', () => {
  it('reads every [[packages]] with a version, names PEP 503-normalised; the directory entry skipped', () => {
    const r = parsePylock(text, 'app/pylock.toml');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}==${p.version}`),
      ['attrs==25.1.0', 'cattrs==24.1.2', 'numpy==2.2.3'],
    );
    assert.deepEqual(r.unknowns, []);
  });

  const bad: [string, string, RegExp][] = [
    ['truncated', text.slice(0, 300), /malformed TOML/],
    ['unknown major lock-version', "lock-version = '2.0'\n", /unsupported lock-version 2\.0/],
    ['no lock-version', "[[packages]]\nname='a'\nversion='1'\n", /unsupported lock-version/],
    ['packages not an array', "lock-version='1.0'\npackages = 3\n", /not an array/],
    ['nameless entry', "lock-version='1.0'\n[[packages]]\nversion='1'\n", /without a name/],
  ];
  for (const [name, input, reason] of bad) {
    it(`${name} → unknown`, () =>
      assert.match(parsePylock(input, 'pylock.toml').unknowns[0]?.reason ?? '', reason));
  }
});

describe('pylockAnalyzer.wants', () => {
  const table: [string, boolean][] = [
    ['app/pylock.toml', true],
    ['pylock.dev.toml', true],
    ['app/pyproject.toml', false],
    ['usr/lib/python3/site-packages/x/pylock.toml', false],
  ];
  for (const [path, want] of table) {
    it(`${path} → ${want}`, () => assert.equal(pylockAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
