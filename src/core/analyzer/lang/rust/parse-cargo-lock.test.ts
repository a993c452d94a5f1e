import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { maxCargoLockSize, parseCargoLock } from './parse-cargo-lock.js';

const fixture = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url), 'utf8');
const cargo = (name: string, version: string) => ({ type: 'cargo', name, version });

describe('parseCargoLock', () => {
  const cases: { name: string; file: string; expected: unknown[] }[] = [
    // Made by `cargo generate-lockfile --offline` (cargo 1.95): a crate and a path dependency only.
    {
      name: 'real v4 lockfile with only local crates reports nothing',
      file: 'path-only.Cargo.lock',
      expected: [],
    },
    {
      name: 'v3: registry, sparse and git sources reported; workspace and path crates skipped',
      file: 'v3-registry-git.Cargo.lock',
      expected: [
        cargo('aho-corasick', '1.1.2'),
        cargo('memchr', '2.6.4'),
        {
          ...cargo('regex', '1.10.2'),
          origin: {
            kind: 'git',
            location:
              'git+https://github.com/rust-lang/regex?branch=main#0d0023e412f2ead7c46ff2a4a38fe6b3a7de3a1e',
          },
        },
        cargo('serde', '1.0.193'),
      ],
    },
    {
      name: 'v1 with a [metadata] checksum table',
      file: 'v1-metadata.Cargo.lock',
      expected: [cargo('cfg-if', '0.1.6'), cargo('libc', '0.2.48')],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseCargoLock(fixture(c.file), 'app/Cargo.lock');
      assert.deepEqual(result.unknowns ?? [], []);
      assert.deepEqual(result.packages, c.expected);
    });
  }

  it('reads the real lockfile the analyzer test generates (sanity: it lists both crates)', () => {
    assert.match(fixture('path-only.Cargo.lock'), /name = "helper"\nversion = "0.3.1"/);
  });

  const bad: { name: string; text: string; reason: RegExp }[] = [
    {
      name: 'truncated TOML',
      text: fixture('v3-registry-git.Cargo.lock').slice(0, 300),
      reason: /invalid TOML/,
    },
    { name: 'package as a string', text: 'package = "x"\n', reason: /not an array/ },
    {
      name: 'entries without a version',
      text: '[[package]]\nname = "a"\nsource = "registry+x"\n',
      reason: /1 \[\[package\]\]/,
    },
  ];
  for (const c of bad) {
    it(`reports ${c.name}`, () => {
      assert.match(parseCargoLock(c.text, 'Cargo.lock').unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('turns away a lockfile with a million packages as too large', () => {
    const entry = (i: number) =>
      `[[package]]\nname = "crate-${i}"\nversion = "1.0.${i}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n`;
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(entry(i));
    const text = parts.join('');
    assert.ok(text.length > maxCargoLockSize);
    const result = parseCargoLock(text, 'Cargo.lock');
    assert.match(result.unknowns?.[0]?.reason ?? '', /too large/);
  });

  it('parses 20,000 packages (a very large real workspace)', () => {
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++)
      parts.push(
        `[[package]]\nname = "c${i}"\nversion = "0.1.${i}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n`,
      );
    const result = parseCargoLock(parts.join(''), 'Cargo.lock');
    assert.equal(result.packages?.length, 20_000);
  });
});

it('a crate from a git source carries its origin; registry crates do not', () => {
  const result = parseCargoLock(fixture('v3-registry-git.Cargo.lock'), 'app/Cargo.lock');
  const lines = (result.packages ?? []).map(
    (p) => `${p.name}@${p.version} ${p.origin ? `${p.origin.kind} ${p.origin.location}` : 'registry'}`,
  );
  assert.ok(
    lines.some((l) =>
      l.endsWith(
        'git git+https://github.com/rust-lang/regex?branch=main#0d0023e412f2ead7c46ff2a4a38fe6b3a7de3a1e',
      ),
    ),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => l.endsWith(' registry')));
});
