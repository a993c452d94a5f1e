import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hexAnalyzer } from './hex-analyzer.js';
import { parseMixLock } from './parse-mix-lock.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'mix.lock'), 'utf8');

describe('mix.lock', () => {
  it('every :hex entry by its package atom; :git and :path skipped', () => {
    const r = parseMixLock(text, 'app/mix.lock');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      [
        'castore@1.0.5',
        'cowboy@2.10.0',
        'cowlib@2.12.1',
        'phoenix@1.7.10',
        'plug_crypto@2.0.0',
        'ranch@1.8.0',
      ],
    );
    assert.ok(r.packages.every((p) => p.type === 'hex'));
    assert.deepEqual(r.unknowns, []);
  });

  it('an aliased key reports the package atom', () => {
    const r = parseMixLock(
      '%{\n  "my_jason": {:hex, :jason, "1.4.1", "x", [:mix], [], "hexpm", "y"},\n}\n',
      'mix.lock',
    );
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      ['jason@1.4.1'],
    );
  });

  it('not a map, or a broken :hex line → unknowns', () => {
    assert.match(parseMixLock('garbage', 'mix.lock').unknowns[0]?.reason ?? '', /not a mix\.lock/);
    assert.match(
      parseMixLock('%{\n  "a": {:hex, 3},\n}', 'mix.lock').unknowns[0]?.reason ?? '',
      /unreadable :hex entry/,
    );
  });

  const wants: [string, boolean][] = [
    ['app/mix.lock', true],
    ['app/deps/cowboy/mix.lock', false],
    ['app/mix.exs', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(hexAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
