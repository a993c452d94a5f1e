import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { msbuildAnalyzer } from './msbuild-analyzer.js';
import { type MsbuildKind, parseMsbuild } from './parse-msbuild.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const list = (kind: MsbuildKind, file: string) => {
  const r = parseMsbuild(kind, read(file), file);
  return { got: r.packages.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`), unknowns: r.unknowns };
};

describe('MSBuild and NuGet XML', () => {
  it('packages.config: every package, developmentDependency → dev, comments ignored', () => {
    const { got, unknowns } = list('packages.config', 'packages.config');
    assert.deepEqual(got, [
      'Newtonsoft.Json@12.0.3',
      'log4net@2.0.8',
      'Microsoft.CodeAnalysis.NetAnalyzers@7.0.4 dev',
    ]);
    assert.deepEqual(unknowns, []);
  });

  it('csproj: attribute, child element and VersionOverride; centrally managed skipped; a property is unresolved', () => {
    const { got, unknowns } = list('project', 'WebApp.csproj');
    assert.deepEqual(got, [
      'Serilog.AspNetCore@8.0.0',
      'Azure.Identity@1.10.2',
      'Dapper@2.1.24',
      'StyleCop.Analyzers@1.1.118 dev',
    ]);
    assert.equal(unknowns.length, 1);
    assert.match(
      unknowns[0]!.reason,
      /^1 references without an exact version.*System\.IdentityModel\.Tokens\.Jwt \$\(JwtVersion\)/,
    );
  });

  it('Directory.Packages.props: exact and [pinned] versions; a range is unresolved, not guessed', () => {
    const { got, unknowns } = list('central', 'Directory.Packages.props');
    assert.deepEqual(got, [
      'System.Text.Json@8.0.0',
      'Azure.Identity@1.10.0',
      'Microsoft.Data.SqlClient@5.1.1',
    ]);
    assert.match(unknowns[0]?.reason ?? '', /Polly \[7\.0,8\.0\)/);
  });

  it('text that is not XML yields nothing and does not throw', () => {
    assert.deepEqual(
      parseMsbuild('project', '<Project><PackageReference Include="a" Version=', 'x.csproj').packages,
      [],
    );
    assert.deepEqual(parseMsbuild('packages.config', '\u0000\u0001garbage', 'packages.config').packages, []);
  });

  const wants: [string, boolean][] = [
    ['src/App/App.csproj', true],
    ['src/App/App.fsproj', true],
    ['src/packages.config', true],
    ['Directory.Packages.props', true],
    ['Directory.Build.props', false],
    ['src/App/App.csproj.user', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(msbuildAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
