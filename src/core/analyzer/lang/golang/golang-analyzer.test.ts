import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildElf } from '../../../../test-support/build-elf.js';
import { analyzeGoBinary, golangAnalyzer } from './golang-analyzer.js';
import type { GoBuildInfo, GoModule } from './parse-modinfo.js';
import { parseModInfo } from './parse-modinfo.js';
import { readGoBuildInfo } from './read-buildinfo.js';

const helloPath = new URL('testdata/hello', import.meta.url).pathname;
const hello = readFileSync(helloPath);

/** The lines `go version -m` prints for our parse, blank lines and trailing blanks dropped. */
function asGoVersionM(file: string, info: GoBuildInfo): string[] {
  const mod = (word: string, m: GoModule): string[] =>
    m.replace
      ? [`${word}\t${m.path}\t${m.version}`, ...mod('=>', m.replace)]
      : [`${word}\t${m.path}\t${m.version}\t${m.sum ?? ''}`];
  return [
    `${file}: ${info.goVersion}`,
    `path\t${info.path}`,
    ...(info.main ? mod('mod', info.main) : []),
    ...info.deps.flatMap((d) => mod('dep', d)),
    ...info.settings.map((s) => `build\t${s.key}=${s.value}`),
  ].map((l) => l.trimEnd());
}

describe('Go binaries', () => {
  it('reads the same build info as `go version -m` (real Go binary from build-hello.sh)', () => {
    // Truth: the go tool itself. Provisioning installs golang-go; without it this fails.
    const truth = execFileSync('go', ['version', '-m', helloPath], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/^\t/, '').trimEnd())
      .filter(Boolean);
    const read = readGoBuildInfo(hello);
    assert.equal(read.kind, 'ok');
    if (read.kind !== 'ok') return;
    assert.deepEqual(asGoVersionM(helloPath, parseModInfo(read.goVersion, read.modinfo)), truth);
  });

  it('reports the main module, dependencies (replacements applied) and stdlib', () => {
    const goVersion = execFileSync('go', ['version', helloPath], { encoding: 'utf8' })
      .split(': go')[1]
      ?.trim();
    assert.deepEqual(analyzeGoBinary({ path: 'usr/local/bin/hello', content: hello }).packages, [
      {
        type: 'golang',
        name: 'example.com/hello',
        version: '(devel)',
        confidence: 'low',
        path: 'usr/local/bin/hello',
      },
      { type: 'golang', name: 'example.com/greet', version: 'v1.2.3', path: 'usr/local/bin/hello' },
      {
        type: 'golang',
        name: 'example.com/local',
        version: 'v0.0.0',
        confidence: 'low',
        path: 'usr/local/bin/hello',
      },
      { type: 'golang', name: 'example.com/newlib', version: 'v1.1.0', path: 'usr/local/bin/hello' },
      { type: 'golang', name: 'stdlib', version: goVersion, path: 'usr/local/bin/hello' },
    ]);
  });

  const modinfo =
    'path\texample.com/old\nmod\texample.com/old\tv0.1.0\th1:abc=\ndep\tgithub.com/pkg/errors\tv0.8.1\th1:x=\n';
  const wrapped = Buffer.concat([Buffer.alloc(16, 0x30), Buffer.from(modinfo), Buffer.alloc(16, 0x31)]);
  const expectedOld = [
    { type: 'golang', name: 'example.com/old', version: 'v0.1.0', path: 'bin/old' },
    { type: 'golang', name: 'github.com/pkg/errors', version: 'v0.8.1', path: 'bin/old' },
    { type: 'golang', name: 'stdlib', version: '1.16.15', path: 'bin/old' },
  ];
  for (const layout of [
    { name: '64-bit little-endian pointers', ptr: 8, bigEndian: false },
    { name: '32-bit big-endian pointers', ptr: 4, bigEndian: true },
  ]) {
    it(`reads the pre-1.18 pointer format (${layout.name}; synthetic ELF, Go < 1.18 is not installable here)`, () => {
      const rodata = 0x400000;
      const data = 0x500000;
      const version = Buffer.from('go1.16.15');
      const strings = Buffer.concat([version, wrapped]);
      const ptr = (v: number) => {
        const b = Buffer.alloc(layout.ptr);
        if (layout.ptr === 8)
          layout.bigEndian ? b.writeBigUInt64BE(BigInt(v)) : b.writeBigUInt64LE(BigInt(v));
        else layout.bigEndian ? b.writeUInt32BE(v) : b.writeUInt32LE(v);
        return b;
      };
      // Two Go string headers {data, len} in .data, the bytes they point to in .rodata.
      const headers = Buffer.concat([
        ptr(rodata),
        ptr(version.length),
        ptr(rodata + version.length),
        ptr(wrapped.length),
      ]);
      const bi = Buffer.concat([
        Buffer.from('\xff Go buildinf:', 'latin1'),
        Buffer.from([layout.ptr, layout.bigEndian ? 1 : 0]),
        ptr(data),
        ptr(data + 2 * layout.ptr),
        Buffer.alloc(16),
      ]);
      const elf = buildElf({
        segments: true,
        sections: [
          { name: '.rodata', data: strings, addr: rodata },
          { name: '.data', data: headers, addr: data },
          { name: '.go.buildinfo', data: bi, addr: 0x600000 },
        ],
      });
      assert.deepEqual(analyzeGoBinary({ path: 'bin/old', content: elf }).packages, expectedOld);
    });
  }

  it('finds build info by scanning writable segments when the section table is stripped', () => {
    const inline = Buffer.concat([
      Buffer.from('\xff Go buildinf:', 'latin1'),
      Buffer.from([8, 2]),
      Buffer.alloc(16),
      Buffer.from([9]),
      Buffer.from('go1.16.15'),
      Buffer.from([wrapped.length]),
      wrapped,
    ]);
    const elf = buildElf({
      segments: true,
      noSectionTable: true,
      sections: [{ name: '.data', data: Buffer.concat([Buffer.alloc(48, 7), inline]), addr: 0x500000 }],
    });
    assert.deepEqual(analyzeGoBinary({ path: 'bin/old', content: elf }).packages, expectedOld);
  });

  const quiet: { name: string; content: Buffer }[] = [
    { name: 'a shell script', content: Buffer.from('#!/bin/sh\nexec true\n') },
    {
      name: 'an ELF without Go build info',
      content: buildElf({ sections: [{ name: '.text', data: Buffer.alloc(64) }] }),
    },
  ];
  for (const c of quiet) {
    it(`says nothing about ${c.name}`, () => {
      assert.deepEqual(
        golangAnalyzer.analyze({
          path: 'bin/x',
          size: c.content.length,
          mode: 0o755,
          content: c.content,
          tempDir: '/tmp',
        }),
        {},
      );
    });
  }

  const broken: { name: string; content: Buffer; reason: RegExp }[] = [
    { name: 'a truncated Go binary', content: hello.subarray(0, 600), reason: /past the end/ },
    {
      name: 'build info section past the end of the file',
      content: buildElf({
        sections: [{ name: '.go.buildinfo', data: Buffer.alloc(32), forgeOffset: 1 << 30 }],
      }),
      reason: /past the end/,
    },
    {
      name: 'a section without the magic',
      content: buildElf({ sections: [{ name: '.go.buildinfo', data: Buffer.alloc(64, 1) }] }),
      reason: /magic/,
    },
    {
      name: 'an inline string longer than its section',
      content: buildElf({
        sections: [
          {
            name: '.go.buildinfo',
            data: Buffer.concat([
              Buffer.from('\xff Go buildinf:', 'latin1'),
              Buffer.from([8, 2]),
              Buffer.alloc(16),
              Buffer.from([0xff, 0x7f]),
            ]),
          },
        ],
      }),
      reason: /truncated/,
    },
  ];
  for (const c of broken) {
    it(`reports ${c.name} as unknown`, () => {
      const result = golangAnalyzer.analyze({
        path: 'bin/x',
        size: c.content.length,
        mode: 0o755,
        content: c.content,
        tempDir: '/tmp',
      });
      assert.equal(result.packages, undefined);
      assert.match(result.unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('wants go.mod and executables, and nothing else', () => {
    const table: [string, number, number, boolean][] = [
      ['src/app/go.mod', 0o644, 300, true],
      ['root/go/pkg/mod/github.com/a/b@v1.0.0/go.mod', 0o644, 300, false],
      ['src/app/vendor/github.com/a/b/go.mod', 0o644, 300, false],
      ['usr/local/bin/app', 0o755, 5_000_000, true],
      ['usr/share/doc/readme', 0o644, 5_000_000, false],
      ['usr/bin/tiny', 0o755, 100, false],
    ];
    for (const [path, mode, size, want] of table)
      assert.equal(golangAnalyzer.wants({ path, mode, size }), want, path);
  });

  it('turns away a large non-Go ELF (its speed is in `npm run bench`, parsers)', () => {
    const big = Buffer.concat([
      buildElf({ sections: [{ name: '.text', data: Buffer.alloc(64) }] }),
      Buffer.alloc(100 << 20),
    ]);
    const result = analyzeGoBinary({ path: 'x', content: big });
    assert.deepEqual([result.packages ?? [], result.unknowns ?? []], [[], []]);
  });
});
