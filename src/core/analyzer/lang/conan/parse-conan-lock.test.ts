import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { conanAnalyzer } from './conan-analyzer.js';
import { parseConanLock } from './parse-conan-lock.js';

const read = (f: string) => readFileSync(join(import.meta.dirname, 'testdata', f), 'utf8');
const list = (text: string) =>
  parseConanLock(text, 'conan.lock').packages.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`);

describe('conan.lock', () => {
  it('Conan 2: requires, build requirements as dev', () => {
    assert.deepEqual(list(read('conan.lock')), [
      'zlib@1.2.13',
      'openssl@1.1.1t',
      'libcurl@8.2.1',
      'cmake@3.27.1 dev',
    ]);
  });

  it('Conan 1: graph nodes without the root; user/channel dropped; build context as dev', () => {
    assert.deepEqual(list(read('conan-v1.lock')), ['openssl@1.1.1q', 'zlib@1.2.12', 'cmake@3.24.1 dev']);
  });

  it('broken files and references are unknowns', () => {
    assert.match(parseConanLock('{"version": "0.5"}', 'x').unknowns[0]?.reason ?? '', /no requires/);
    assert.match(parseConanLock('{"requires": ["zlib", 3]}', 'x').unknowns[0]?.reason ?? '', /2 references/);
    assert.match(parseConanLock('{', 'x').unknowns[0]?.reason ?? '', /JSON/);
  });

  it('wants conan.lock only', () => {
    for (const [path, want] of [
      ['conan.lock', true],
      ['srv/app/conan.lock', true],
      ['srv/app/conanfile.txt', false],
    ] as const)
      assert.equal(conanAnalyzer.wants({ path, mode: 0o644, size: 10 }), want, path);
  });
});
