import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildElf } from '../../../test-support/build-elf.js';
import { findSection, parseElf, readAtAddress, sectionBytes } from './elf.js';

const goBinary = new URL('../lang/golang/testdata/hello', import.meta.url);

describe('parseElf', () => {
  it('lists the same sections as readelf for a real Go binary', () => {
    const buf = readFileSync(goBinary);
    const parsed = parseElf(buf);
    assert.ok(parsed.ok);
    // Truth: binutils' readelf, one "[ n] name" per section.
    const readelf = execFileSync('readelf', ['-W', '-S', goBinary.pathname], { encoding: 'utf8' });
    const expected = [...readelf.matchAll(/^\s+\[\s*\d+\]\s+(\S*)\s+[A-Z_]+\s/gm)].map((m) => m[1]);
    assert.ok(expected.length > 10);
    assert.deepEqual(
      parsed.elf.sections.map((s) => s.name),
      expected,
    );
    const bi = findSection(parsed.elf, '.go.buildinfo');
    assert.ok(bi);
    const bytes = sectionBytes(buf, bi);
    assert.ok(bytes.ok);
    assert.equal(bytes.data.subarray(1, 14).toString('latin1'), ' Go buildinf:');
    assert.deepEqual(readAtAddress(buf, parsed.elf, bi.addr, 14), bytes.data.subarray(0, 14));
  });

  const cases: { name: string; buf: Buffer; reason: RegExp }[] = [
    { name: 'not an ELF', buf: Buffer.from('#!/bin/sh\necho hi\n'), reason: /not an ELF/ },
    { name: 'header cut short', buf: readFileSync(goBinary).subarray(0, 40), reason: /truncated ELF header/ },
    // The Go linker writes its section table at byte 456 (readelf -h): cut inside it.
    {
      name: 'truncated inside the section table',
      buf: readFileSync(goBinary).subarray(0, 600),
      reason: /past the end/,
    },
    {
      name: 'unknown class',
      buf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 9, 1]), Buffer.alloc(64)]),
      reason: /unknown ELF class/,
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const parsed = parseElf(c.buf);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.reason, c.reason);
    });
  }

  it('refuses to read a section that claims to lie past the end of the file', () => {
    const buf = buildElf({ sections: [{ name: '.dep-v0', data: Buffer.from('x'), forgeOffset: 1 << 30 }] });
    const parsed = parseElf(buf);
    assert.ok(parsed.ok);
    const s = findSection(parsed.elf, '.dep-v0');
    assert.ok(s);
    const bytes = sectionBytes(buf, s);
    assert.equal(bytes.ok, false);
    assert.match(bytes.ok ? '' : bytes.reason, /past the end/);
  });

  it('finds sections in a large file (its speed is in `npm run bench`, parsers)', () => {
    const big = Buffer.concat([
      buildElf({ sections: [{ name: '.text', data: Buffer.alloc(16) }] }),
      Buffer.alloc(64 << 20),
    ]);
    const elf = parseElf(big);
    assert.ok(elf.ok && findSection(elf.elf, '.text'));
  });
});
