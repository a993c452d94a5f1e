import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { apkAnalyzer } from './apk-analyzer.js';
import { parseInstalled } from './parse-installed.js';

// The fixtures follow, line for line, the shape of real apk-tools installed databases
// (aquasecurity/trivy pkg/fanal/analyzer/pkg/apk/testdata/apk, zerotier/edge
// lib/apk/db/installed): see testdata/README.md.
const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const path = 'lib/apk/db/installed';

describe('parseInstalled: Alpine 3.20 shape', () => {
  const r = parseInstalled(fixture('alpine-3.20.installed'), path);

  it('finds every package with no unknowns', () => {
    assert.deepEqual(r.unknowns, []);
    assert.deepEqual(
      r.packages.map((p) => `${p.name}@${p.version}`),
      [
        'musl@1.2.5-r0',
        'busybox@1.36.1-r29',
        'ssl_client@1.36.1-r29',
        'libcrypto3@3.3.1-r0',
        'ada-libs@2.7.8-r0',
      ],
    );
  });

  const table = [
    { name: 'musl', arch: 'x86_64', licenses: ['MIT'], source: { name: 'musl', version: '1.2.5-r0' } },
    {
      name: 'ssl_client',
      arch: 'x86_64',
      licenses: ['GPL-2.0-only'],
      source: { name: 'busybox', version: '1.36.1-r29' },
    },
    {
      name: 'libcrypto3',
      arch: 'x86_64',
      licenses: ['Apache-2.0'],
      source: { name: 'openssl', version: '3.3.1-r0' },
    },
    {
      name: 'ada-libs',
      arch: 'x86_64',
      licenses: ['( Apache-2.0 OR MIT ) AND MPL-2.0'],
      source: { name: 'ada', version: '2.7.8-r0' },
    },
  ];
  for (const want of table) {
    it(`${want.name}: arch, license, origin as source`, () => {
      const p = r.packages.find((x) => x.name === want.name);
      assert.deepEqual(p, { type: 'apk', version: want.source.version, path, ...want });
    });
  }

  it('owned files join F: directories and R: names (directories themselves are not files)', () => {
    assert.deepEqual(r.ownedFiles, [
      'lib/ld-musl-x86_64.so.1',
      'lib/libc.musl-x86_64.so.1',
      'bin/busybox',
      'etc/securetty',
      'etc/udhcpd.conf',
      'etc/busybox-paths.d/busybox',
      'usr/bin/ssl_client',
      'etc/ssl/ct_log_list.cnf',
      'etc/ssl/openssl.cnf.dist',
      'usr/lib/libcrypto.so.3',
      'usr/lib/engines-3/afalg.so',
      'usr/lib/libada.so.2',
      'usr/lib/libada.so.2.7.8',
    ]);
  });

  it('CRLF line ends read the same', () => {
    assert.deepEqual(parseInstalled(fixture('alpine-3.20.installed').replaceAll('\n', '\r\n'), path), r);
  });
});

describe('parseInstalled: Wolfi shape', () => {
  it('reads Wolfi records (no maintainer, empty URL)', () => {
    const r = parseInstalled(fixture('wolfi.installed'), path);
    assert.deepEqual(r.unknowns, []);
    assert.deepEqual(r.packages, [
      {
        type: 'apk',
        name: 'wolfi-baselayout',
        version: '20230201-r15',
        arch: 'x86_64',
        licenses: ['MIT'],
        source: { name: 'wolfi-baselayout', version: '20230201-r15' },
        path,
      },
      {
        type: 'apk',
        name: 'glibc',
        version: '2.40-r1',
        arch: 'x86_64',
        licenses: ['LGPL-2.1-or-later'],
        source: { name: 'glibc', version: '2.40-r1' },
        path,
      },
    ]);
    assert.deepEqual(r.ownedFiles, ['etc/group', 'etc/os-release', 'usr/lib/os-release', 'lib64/libc.so.6']);
  });
});

describe('parseInstalled: malformed input becomes unknowns', () => {
  const good = 'P:zlib\nV:1.3.1-r1\nA:x86_64\nF:lib\nR:libz.so.1\n\n';
  const cases: Array<{ name: string; text: string; packages: string[]; reason?: RegExp }> = [
    { name: 'empty file', text: '', packages: [] },
    { name: 'only blank lines', text: '\n\n\n', packages: [] },
    {
      name: 'record without V:',
      text: `P:nover\nA:x86_64\n\n${good}`,
      packages: ['zlib'],
      reason: /\(nover\) has no V:/,
    },
    {
      name: 'record without P:',
      text: `V:1.0-r0\nA:x86_64\n\n${good}`,
      packages: ['zlib'],
      reason: /has no P:/,
    },
    {
      name: 'line that is not K:value',
      text: `P:odd\nV:1-r0\ngarbage line\n\n${good}`,
      packages: ['odd', 'zlib'],
      reason: /odd at line 1: line 3 is not a K:value field/,
    },
    {
      name: 'two packages run together',
      text: 'P:a\nV:1-r0\nP:b\nV:2-r0\n\n',
      packages: ['a'],
      reason: /second P:/,
    },
    {
      // apk-tools reads a last line without its newline as a line: the record is complete.
      name: 'a complete last record without a final newline',
      text: `${good}P:curl\nV:8.9.1-r0\nF:usr/bin\nR:curl`,
      packages: ['zlib', 'curl'],
    },
    {
      name: 'truncated mid-record (the last line is not even a K:value field)',
      text: `${good}P:curl\nV:8.9.1-r0\nF:usr/bin\nR`,
      packages: ['zlib'],
      reason: /truncated.*\(curl\) dropped/,
    },
    {
      name: 'truncated before the version',
      text: `${good}P:curl\nV`,
      packages: ['zlib'],
      reason: /truncated/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parseInstalled(c.text, path);
      assert.deepEqual(
        r.packages.map((p) => p.name),
        c.packages,
      );
      if (!c.reason) {
        assert.deepEqual(r.unknowns, []);
        return;
      }
      assert.ok(
        r.unknowns.some((u) => u.path === path && !u.reason.includes(path) && c.reason?.test(u.reason)),
        JSON.stringify(r.unknowns),
      );
    });
  }
});

describe('apkAnalyzer', () => {
  const table: Array<[string, boolean]> = [
    ['lib/apk/db/installed', true],
    ['usr/lib/apk/db/installed', true],
    ['lib/apk/db/triggers', false],
    ['var/lib/apk/db/installed', false],
  ];
  for (const [p, want] of table) {
    it(`wants ${p} → ${want}`, () =>
      assert.equal(apkAnalyzer.wants({ path: p, size: 1, mode: 0o644 }), want));
  }

  it('analyze reads the content as the parser does', async () => {
    const content = Buffer.from(fixture('alpine-3.20.installed'));
    const r = await apkAnalyzer.analyze({
      path,
      size: content.length,
      mode: 0o644,
      content,
      tempDir: '/nonexistent',
    });
    assert.equal(r.packages?.length, 5);
    assert.equal(r.ownedFiles?.length, 13);
  });
});
