import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { buildElf } from '../../../../test-support/build-elf.js';
import { readCargoAuditable } from './read-cargo-auditable.js';
import { rustAnalyzer } from './rust-analyzer.js';

const auditJson = readFileSync(new URL('testdata/audit.json', import.meta.url));
const run = (content: Buffer, path = 'usr/bin/demo') =>
  rustAnalyzer.analyze({ path, size: content.length, mode: 0o755, content, tempDir: tmpdir() });

describe('cargo-auditable binaries', () => {
  let dir = '';
  let plain: Buffer;
  let audited: Buffer;
  before(() => {
    // A real executable from gcc, with the section added by binutils' objcopy the way
    // cargo-auditable's linker step adds it (cargo-auditable itself is not available offline).
    dir = mkdtempSync(join(tmpdir(), 'bulwark-rust-'));
    writeFileSync(join(dir, 'main.c'), 'int main(void) { return 0; }\n');
    execFileSync('gcc', ['-O0', '-o', join(dir, 'demo'), join(dir, 'main.c')]);
    writeFileSync(join(dir, 'payload.zlib'), deflateSync(auditJson));
    execFileSync('objcopy', [
      '--add-section',
      `.dep-v0=${join(dir, 'payload.zlib')}`,
      join(dir, 'demo'),
      join(dir, 'demo-audited'),
    ]);
    plain = readFileSync(join(dir, 'demo'));
    audited = readFileSync(join(dir, 'demo-audited'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every crate, root and build-kind included (section added with objcopy; cargo-auditable not available offline)', () => {
    const p = (name: string, version: string) => ({ type: 'cargo', name, version, path: 'usr/bin/demo' });
    assert.deepEqual(run(audited), {
      packages: [p('auditable-demo', '0.1.0'), p('cc', '1.0.83'), p('libc', '0.2.150'), p('forked', '0.3.0')],
      unknowns: [],
    });
  });

  it('says nothing about a binary without audit data or a script', () => {
    assert.deepEqual(run(plain), {});
    assert.deepEqual(run(Buffer.from('#!/bin/sh\n')), {});
  });

  const elfWith = (data: Buffer, forgeOffset?: number) =>
    buildElf({
      sections: [forgeOffset ? { name: '.dep-v0', data, forgeOffset } : { name: '.dep-v0', data }],
    });
  const broken: { name: string; content: () => Buffer; reason: RegExp }[] = [
    { name: 'a truncated ELF', content: () => audited.subarray(0, 40), reason: /truncated/ },
    {
      name: 'a section past the end of the file',
      content: () => elfWith(Buffer.alloc(8), 1 << 30),
      reason: /past the end/,
    },
    {
      name: 'data that is not zlib',
      content: () => elfWith(Buffer.from('not zlib at all')),
      reason: /unreadable/,
    },
    {
      name: 'JSON that is cut short',
      content: () => elfWith(deflateSync(auditJson.subarray(0, 50))),
      reason: /unreadable/,
    },
    {
      name: 'JSON without packages',
      content: () => elfWith(deflateSync('{"format":1}')),
      reason: /no packages/,
    },
    {
      // 16 MiB of blanks deflate to ~16 KiB: inflating stops at the cap instead.
      name: 'a zlib bomb',
      content: () => elfWith(deflateSync(Buffer.alloc(16 << 20, 0x20), { level: 1 })),
      reason: /larger than/,
    },
  ];
  for (const c of broken) {
    it(`reports ${c.name} as unknown`, () => {
      const result = readCargoAuditable(c.content(), 'usr/bin/demo');
      assert.equal(result.packages, undefined);
      assert.match(result.unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('wants Cargo.lock and executables', () => {
    assert.equal(rustAnalyzer.wants({ path: 'src/app/Cargo.lock', mode: 0o644, size: 100 }), true);
    assert.equal(rustAnalyzer.wants({ path: 'Cargo.lock', mode: 0o644, size: 100 }), true);
    assert.equal(rustAnalyzer.wants({ path: 'usr/bin/rg', mode: 0o755, size: 5_000_000 }), true);
    assert.equal(rustAnalyzer.wants({ path: 'src/app/Cargo.toml', mode: 0o644, size: 100 }), false);
  });

  it('routes Cargo.lock to the lockfile parser', () => {
    const text = Buffer.from(
      '[[package]]\nname = "libc"\nversion = "0.2.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    );
    assert.deepEqual(run(text, 'app/Cargo.lock').packages, [
      { type: 'cargo', name: 'libc', version: '0.2.1' },
    ]);
  });
});
