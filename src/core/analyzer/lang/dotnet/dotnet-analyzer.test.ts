import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import type { AnalysisResult } from '../../types.js';
import { dotnetAnalyzer } from './dotnet-analyzer.js';

const fixture = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url));
const analyze = (path: string, content: Buffer): AnalysisResult =>
  dotnetAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, tempDir: tmpdir() });
const nuget = (name: string, version: string) => ({ type: 'nuget', name, version });

describe('.NET analyzer', () => {
  const cases: { name: string; path: string; file: string; expected: unknown[] }[] = [
    {
      name: 'deps.json: package libraries, project entries skipped',
      path: 'app/WebApp.deps.json',
      file: 'WebApp.deps.json',
      expected: [
        nuget('Newtonsoft.Json', '13.0.1'),
        nuget('Serilog', '3.1.1'),
        nuget('Serilog.AspNetCore', '8.0.0'),
      ],
    },
    {
      name: 'packages.lock.json: Direct, Transitive, CentralTransitive once across frameworks, Project skipped',
      path: 'src/Demo/packages.lock.json',
      file: 'packages.lock.json',
      // A lockfile declares: its packages fold into installed (deps.json) copies anywhere in the image.
      expected: [
        nuget('Newtonsoft.Json', '13.0.3'),
        nuget('Serilog', '3.1.1'),
        nuget('System.Text.Encodings.Web', '4.7.2'),
        nuget('System.Text.Json', '8.0.4'),
      ].map((p) => ({ ...p, declaredFor: '' })),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(analyze(c.path, fixture(c.file)), { packages: c.expected, unknowns: [] });
    });
  }

  it('accepts a byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('packages.lock.json')]);
    assert.equal(analyze('packages.lock.json', withBom).packages?.length, 4);
  });

  const bad: { name: string; path: string; text: string; reason: RegExp }[] = [
    {
      name: 'truncated deps.json',
      path: 'a.deps.json',
      text: fixture('WebApp.deps.json').toString().slice(0, 500),
      reason: /invalid JSON/,
    },
    {
      name: 'deps.json without libraries',
      path: 'a.deps.json',
      text: '{"runtimeTarget":{}}',
      reason: /no libraries/,
    },
    {
      name: 'a library key without a version',
      path: 'a.deps.json',
      text: '{"libraries":{"Foo":{"type":"package"}}}',
      reason: /not Name\/Version/,
    },
    {
      name: 'truncated lock file',
      path: 'packages.lock.json',
      text: '{"version": 1, "depend',
      reason: /invalid JSON/,
    },
    { name: 'lock file that is an array', path: 'packages.lock.json', text: '[]', reason: /no dependencies/ },
    {
      name: 'a dependency without a resolved version',
      path: 'packages.lock.json',
      text: '{"version":1,"dependencies":{"net8.0":{"A":{"type":"Direct"}}}}',
      reason: /1 dependencies without a resolved version/,
    },
  ];
  for (const c of bad) {
    it(`reports ${c.name}`, () => {
      assert.match(analyze(c.path, Buffer.from(c.text)).unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('parses a deps.json with 200,000 libraries (its speed is in `npm run bench`)', () => {
    const parts: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      parts.push(
        `"Pkg.N${i}/1.0.${i}":{"type":"package","serviceable":true,"sha512":"sha512-x","path":"pkg.n${i}/1.0.${i}"}`,
      );
    }
    const text = Buffer.from(`{"runtimeTarget":{"name":"x"},"libraries":{${parts.join(',')}}}`);
    assert.equal(analyze('big.deps.json', text).packages?.length, 200_000);
  });

  it('turns away a deps.json past the size limit as too large', () => {
    const text = Buffer.alloc(65 * 1024 * 1024, 0x20);
    assert.match(analyze('huge.deps.json', text).unknowns?.[0]?.reason ?? '', /too large/);
  });

  it('wants deps.json and packages.lock.json only', () => {
    const table: [string, boolean][] = [
      ['app/WebApp.deps.json', true],
      ['src/Demo/packages.lock.json', true],
      ['packages.lock.json', true],
      ['app/WebApp.runtimeconfig.json', false],
      ['app/my-packages.lock.json', false],
    ];
    for (const [path, want] of table)
      assert.equal(dotnetAnalyzer.wants({ path, mode: 0o644, size: 100 }), want, path);
  });
});
