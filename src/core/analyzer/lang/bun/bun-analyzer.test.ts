import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bunAnalyzer } from './bun-analyzer.js';
import { parseBunLock } from './parse-bun-lock.js';

const testdata = join(import.meta.dirname, 'testdata');
const lock = readFileSync(join(testdata, 'bun.lock'), 'utf8');

/** bun's own listing, aliases mapped to the package they install (as bun.lock records it). */
const aliases: Record<string, string> = {
  'string-width-cjs': 'string-width',
  'strip-ansi-cjs': 'strip-ansi',
  'wrap-ansi-cjs': 'wrap-ansi',
};
function bunTruth(): string[] {
  const ids = new Set<string>();
  for (const line of readFileSync(join(testdata, 'bun-pm-ls.txt'), 'utf8').split('\n')) {
    const m = /[─ ]((?:@[^@\s/]+\/)?[^@\s]+)@(\S+)$/.exec(line);
    if (m) ids.add(`${aliases[m[1]!] ?? m[1]}@${m[2]}`);
  }
  return [...ids].sort();
}

describe('bun.lock (written by bun 1.2.19)', () => {
  const result = parseBunLock(lock, 'app/bun.lock');

  it('lists exactly what `bun pm ls --all` lists, aliases as their real package', () => {
    const truth = bunTruth();
    assert.equal(truth.length, 22);
    assert.deepEqual(result.packages.map((p) => `${p.name}@${p.version}`).sort(), truth);
    assert.deepEqual(result.unknowns, []);
  });

  it('dev = reachable only from devDependencies (ms@2.0.0 dev, debug/ms@2.1.2 not)', () => {
    const dev = result.packages.filter((p) => p.dev).map((p) => `${p.name}@${p.version}`);
    assert.deepEqual(dev.sort(), ['is-number@7.0.0', 'ms@2.0.0']);
  });

  it('workspace, git and file entries are skipped; bad entries are unknowns', () => {
    const text = `{"lockfileVersion":1,"workspaces":{"":{"dependencies":{"a":"1","w":"workspace:*"}}},
      "packages":{"a":["a@1.0.0","",{}],"w":["w@workspace:packages/w"],
      "g":["g@github:o/g#abc",{}],"bad":[3],}}`;
    const r = parseBunLock(text, 'bun.lock');
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      ['a@1.0.0'],
    );
    assert.deepEqual(r.unknowns, [{ path: 'bun.lock', reason: 'package bad has no "name@version"' }]);
  });

  it('truncated and malformed files are unknowns', () => {
    assert.match(
      parseBunLock(lock.slice(0, 500), 'bun.lock').unknowns[0]?.reason ?? '',
      /truncated|malformed/,
    );
    assert.match(parseBunLock('{"packages": 3}', 'bun.lock').unknowns[0]?.reason ?? '', /no packages/);
  });
});

describe('bunAnalyzer', () => {
  const table: [string, boolean][] = [
    ['app/bun.lock', true],
    ['bun.lock', true],
    ['app/bun.lockb', true],
    ['app/node_modules/x/bun.lock', false],
    ['app/bun.lock.bak', false],
  ];
  for (const [path, want] of table) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(bunAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }

  it('bun.lockb is an unknown with a hint, never a silent nothing', async () => {
    const content = Buffer.from('#!/usr/bin/env bun\nbun-lockfile-format-v0\n\x02\x00\x00\x00');
    const r = await bunAnalyzer.analyze({
      path: 'app/bun.lockb',
      size: content.length,
      mode: 0o644,
      content,
      tempDir: '/tmp',
    });
    assert.deepEqual(r.packages, []);
    assert.match(r.unknowns?.[0]?.reason ?? '', /bun\.lockb.*--save-text-lockfile/);
  });
});
