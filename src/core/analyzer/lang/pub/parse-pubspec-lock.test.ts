import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePubspecLock } from './parse-pubspec-lock.js';
import { pubAnalyzer } from './pub-analyzer.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'pubspec.lock'), 'utf8');

describe('pubspec.lock', () => {
  it('hosted packages only; direct dev → dev', () => {
    const r = parsePubspecLock(text, 'app/pubspec.lock');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`),
      ['async@2.11.0', 'http@1.1.0', 'lints@2.1.1 dev', 'http_parser@4.0.2'],
    );
    assert.deepEqual(r.unknowns, []);
  });

  it('malformed or foreign YAML → unknown', () => {
    assert.match(
      parsePubspecLock('packages: [\n', 'pubspec.lock').unknowns[0]?.reason ?? '',
      /malformed YAML/,
    );
    assert.match(
      parsePubspecLock('name: app\n', 'pubspec.lock').unknowns[0]?.reason ?? '',
      /no packages map/,
    );
  });

  const wants: [string, boolean][] = [
    ['app/pubspec.lock', true],
    ['root/.pub-cache/hosted/pub.dev/http-1.1.0/pubspec.lock', false],
    ['app/pubspec.yaml', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(pubAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
