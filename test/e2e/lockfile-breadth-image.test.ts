import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseBunLock } from '../../src/core/analyzer/lang/bun/parse-bun-lock.js';
import { parseInstalledJson } from '../../src/core/analyzer/lang/php/parse-composer.js';
import { findMissingData } from '../../src/core/matcher/coverage.js';
import type { Sbom } from '../../src/core/sbom/model.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker } from '../../src/test-support/components.js';
import { dpkgQueryInImage, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { memoryInventory } from '../../src/test-support/memory-advisory-lookup.js';

// One image holding every lockfile kind added for breadth (bun.lock, bun.lockb,
// pylock.toml, gradle.lockfile, packages.config, *.csproj, Directory.Packages.props,
// mix.lock, pubspec.lock, Package.resolved, Manifest.toml, renv.lock)
// among real Debian packages, and the runtimes official language images build into
// /usr/local (this machine's own node, python3.11, php and libruby, copied: no package
// database knows them), built by the real test dockerd and read through the Docker Engine
// API. Exact lists per file; the Debian packages exactly as dpkg-query inside the image
// lists them.
const base = 'bulwark-test/debian-python:bookworm';
const basePackages = ['jq', 'less', 'python3.11-minimal'];
const tag = 'bulwark-test/lockfile-breadth:latest';
const repo = new URL('../../', import.meta.url).pathname;
const lang = (p: string) => join(repo, 'src/core/analyzer/lang', p);

let work: string;
let sbom: Sbom;
let dpkgTruth: string[];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-breadth-'));
  await importDebianImage(base, basePackages);
  const ctx = join(work, 'ctx');
  await cp(join(repo, 'test/e2e/lockfile-breadth-image/Dockerfile'), join(ctx, 'Dockerfile'));
  const p = join(ctx, 'projects');
  await cp(lang('bun/testdata/bun.lock'), join(p, 'web/bun.lock'));
  await cp(lang('bun/testdata/package.json'), join(p, 'web/package.json'));
  // bun.lockb's header as bun writes it, then binary: its content is never parsed.
  await mkdir(join(p, 'old-web'), { recursive: true });
  await writeFile(
    join(p, 'old-web/bun.lockb'),
    Buffer.concat([
      Buffer.from('#!/usr/bin/env bun\nbun-lockfile-format-v0\n'),
      Buffer.from([2, 0, 0, 0, 0xff, 0x10]),
    ]),
  );
  await cp(lang('pylock/testdata/pylock.toml'), join(p, 'py/pylock.toml'));
  await cp(lang('gradle/testdata/gradle.lockfile'), join(p, 'jvm/gradle.lockfile'));
  await cp(lang('sbt/testdata/build.sbt.lock'), join(p, 'scala/build.sbt.lock'));
  await cp(lang('pom/testdata/shop'), join(p, 'shop'), { recursive: true });
  await cp(lang('cocoapods/testdata/Podfile.lock'), join(p, 'ios/Podfile.lock'));
  await cp(lang('dotnet/testdata/Acme.Widgets.dll'), join(p, 'tools/Acme.Widgets.dll'));
  await cp(lang('conan/testdata/conan.lock'), join(p, 'cpp/conan.lock'));
  await cp(lang('conda/testdata/project/environment.yml'), join(p, 'analytics/environment.yml'));
  await cp(lang('conda/testdata/opt/conda'), join(ctx, 'conda'), { recursive: true });
  await cp(lang('msbuild/testdata/packages.config'), join(p, 'legacy/packages.config'));
  await cp(lang('hex/testdata/mix.lock'), join(p, 'elixir/mix.lock'));
  await cp(lang('pub/testdata/pubspec.lock'), join(p, 'flutter/pubspec.lock'));
  await cp(lang('swift/testdata/Package.resolved.v2'), join(p, 'swift/Package.resolved'));
  await cp(lang('julia/testdata/Manifest.toml'), join(p, 'julia/Manifest.toml'));
  await cp(lang('r/testdata/renv.lock'), join(p, 'r/renv.lock'));
  // A Composer project whose composer.json sets `config.vendor-dir` to lib/deps.
  await cp(lang('php/testdata/installed-v2.json'), join(p, 'php-app/lib/deps/composer/installed.json'));
  await cp(lang('golang/testdata/legacy/go.mod'), join(p, 'go116/go.mod'));
  await cp(lang('golang/testdata/legacy/go.sum'), join(p, 'go116/go.sum'));
  await cp(lang('msbuild/testdata/WebApp.csproj'), join(p, 'dotnet/WebApp/WebApp.csproj'));
  await cp(lang('msbuild/testdata/Directory.Packages.props'), join(p, 'dotnet/Directory.Packages.props'));
  const r = join(ctx, 'runtimes');
  await mkdir(join(r, 'bin'), { recursive: true });
  await mkdir(join(r, 'lib'), { recursive: true });
  await mkdir(join(r, 'openjdk-17'), { recursive: true });
  await cp(process.execPath, join(r, 'bin/node'));
  await cp(realpathSync('/usr/bin/python3.11'), join(r, 'bin/python3.11'));
  await cp(realpathSync('/usr/bin/php'), join(r, 'bin/php'));
  await cp(rubyLibrary(), join(r, 'lib/libruby.so.3.1.2'));
  await cp(lang('java/testdata/openjdk-17.release'), join(r, 'openjdk-17/release'));
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  sbom = await generateSbom(`docker:${tag}`, { cacheDir: false, docker: { host: testDocker().host } });
  dpkgTruth = await dpkgQueryInImage(tag);
});
/** The machine's libruby (Debian keeps it in the multiarch directory). */
function rubyLibrary(): string {
  return execFileSync(
    'ruby',
    [
      '-e',
      'c = RbConfig::CONFIG; print [c["libdir"], c["archlibdir"]].compact.map { |d| File.join(d, c["LIBRUBY_SO"]) }.find { |f| File.exist?(f) }',
    ],
    { encoding: 'utf8' },
  );
}

const say = (file: string, args: string[]) => execFileSync(file, args, { encoding: 'utf8' }).trim();

after(() => rm(work, { recursive: true, force: true }));

function at(path: string): string[] {
  return sbom.packages
    .filter((p) => p.location.path === path)
    .map((p) => `${p.purl}${p.dev ? ' dev' : ''}`)
    .sort();
}

test('Debian packages exactly as dpkg-query inside the image lists them', () => {
  const ours = sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => `${p.name} ${p.version}`)
    .sort();
  assert.ok(dpkgTruth.length > 80);
  assert.deepEqual(ours, dpkgTruth);
});

test('bun.lock: what bun installed; bun.lockb: an unknown with a hint', () => {
  const expected = parseBunLock(readFileSync(lang('bun/testdata/bun.lock'), 'utf8'), 'x').packages.map(
    (p) => `pkg:npm/${p.name.replace(/^@/, '%40')}@${p.version}${p.dev ? ' dev' : ''}`,
  );
  assert.equal(expected.length, 22);
  assert.deepEqual(at('srv/web/bun.lock'), expected.sort());
  const unknown = sbom.unknowns.find((u) => u.path === 'srv/old-web/bun.lockb');
  assert.match(unknown?.reason ?? '', /--save-text-lockfile/);
});

test('pylock.toml, gradle.lockfile', () => {
  assert.deepEqual(at('srv/py/pylock.toml'), [
    'pkg:pypi/attrs@25.1.0',
    'pkg:pypi/cattrs@24.1.2',
    'pkg:pypi/numpy@2.2.3',
  ]);
  assert.deepEqual(at('srv/jvm/gradle.lockfile'), [
    'pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.13.0',
    'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.13.0',
    'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0',
    'pkg:maven/junit/junit@4.13.2 dev',
    'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1',
    'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    'pkg:maven/org.hamcrest/hamcrest-core@1.3 dev',
  ]);
});

test('build.sbt.lock: Maven artifacts, test-only as dev', () => {
  assert.deepEqual(at('srv/scala/build.sbt.lock'), [
    'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.7',
    'pkg:maven/org.apache.commons/commons-lang3@3.9',
    'pkg:maven/org.scala-lang/scala-library@2.13.12',
    'pkg:maven/org.scalatest/scalatest_2.13@3.2.17 dev',
  ]);
});

test('pom.xml: a module resolved through its parent; a parent outside the image not guessed', () => {
  assert.deepEqual(at('srv/shop/api/pom.xml'), [
    'pkg:maven/com.example.shop/shop-model@1.4.0',
    'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2',
    'pkg:maven/org.apache.commons/commons-text@1.9',
    'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
    'pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0 dev',
  ]);
  assert.deepEqual(at('srv/shop/worker/pom.xml'), [
    'pkg:maven/com.google.guava/guava@32.1.2-jre',
    'pkg:maven/org.springframework.boot/spring-boot-starter-web',
  ]);
  assert.match(
    sbom.unknowns.find((u) => u.path === 'srv/shop/worker/pom.xml')?.reason ?? '',
    /spring-boot-starter-parent:3\.1\.0 is not in the image/,
  );
});

test('conda: conda-meta records; environment.yml pins folded into them, the rest its own', () => {
  const meta = 'opt/conda/conda-meta/';
  assert.deepEqual(at(`${meta}numpy-1.26.4-py311h64a7726_0.json`), ['pkg:conda/numpy@1.26.4']);
  assert.deepEqual(at(`${meta}openssl-3.2.1-hd590300_0.json`), ['pkg:conda/openssl@3.2.1']);
  const numpy = sbom.packages.find((p) => p.purl === 'pkg:conda/numpy@1.26.4');
  assert.deepEqual(
    numpy?.otherLocations?.map((l) => l.path),
    ['srv/analytics/environment.yml'],
  );
  assert.deepEqual(at('srv/analytics/environment.yml'), [
    'pkg:conda/_libgcc_mutex@0.1',
    'pkg:conda/pandas@2.1.4',
    'pkg:conda/python@3.11.7',
    'pkg:pypi/flask@3.0.0',
    'pkg:pypi/gunicorn@21.2.0',
  ]);
});

test('Podfile.lock (CocoaPods) and conan.lock (Conan)', () => {
  const pods = at('srv/ios/Podfile.lock');
  assert.equal(pods.length, 8);
  assert.ok(pods.includes('pkg:cocoapods/Firebase@10.18.0'));
  assert.ok(pods.some((p) => p.startsWith('pkg:cocoapods/MyKit@0.3.0?vcs_url=')));
  assert.deepEqual(at('srv/cpp/conan.lock'), [
    'pkg:conan/cmake@3.27.1 dev',
    'pkg:conan/libcurl@8.2.1',
    'pkg:conan/openssl@1.1.1t',
    'pkg:conan/zlib@1.2.13',
  ]);
});

test('a .NET assembly: its version resource, as the NuGet package of its name', () => {
  assert.deepEqual(at('srv/tools/Acme.Widgets.dll'), ['pkg:nuget/Acme.Widgets@4.2.1']);
});

test('NuGet from packages.config, a csproj and Directory.Packages.props; unresolved versions said', () => {
  assert.deepEqual(at('srv/legacy/packages.config'), [
    'pkg:nuget/Microsoft.CodeAnalysis.NetAnalyzers@7.0.4 dev',
    'pkg:nuget/Newtonsoft.Json@12.0.3',
    'pkg:nuget/log4net@2.0.8',
  ]);
  assert.deepEqual(at('srv/dotnet/WebApp/WebApp.csproj'), [
    'pkg:nuget/Azure.Identity@1.10.2',
    'pkg:nuget/Dapper@2.1.24',
    'pkg:nuget/Serilog.AspNetCore@8.0.0',
    'pkg:nuget/StyleCop.Analyzers@1.1.118 dev',
  ]);
  assert.deepEqual(at('srv/dotnet/Directory.Packages.props'), [
    'pkg:nuget/Azure.Identity@1.10.0',
    'pkg:nuget/Microsoft.Data.SqlClient@5.1.1',
    'pkg:nuget/System.Text.Json@8.0.0',
  ]);
  const unresolved = sbom.unknowns
    .filter((u) => u.path.startsWith('srv/dotnet/'))
    .map((u) => u.path)
    .sort();
  assert.deepEqual(unresolved, ['srv/dotnet/Directory.Packages.props', 'srv/dotnet/WebApp/WebApp.csproj']);
});

test('mix.lock (Hex) and pubspec.lock (Pub)', () => {
  assert.deepEqual(at('srv/elixir/mix.lock'), [
    'pkg:hex/castore@1.0.5',
    'pkg:hex/cowboy@2.10.0',
    'pkg:hex/cowlib@2.12.1',
    'pkg:hex/phoenix@1.7.10',
    'pkg:hex/plug_crypto@2.0.0',
    'pkg:hex/ranch@1.8.0',
  ]);
  assert.deepEqual(at('srv/flutter/pubspec.lock'), [
    'pkg:pub/async@2.11.0',
    'pkg:pub/http@1.1.0',
    'pkg:pub/http_parser@4.0.2',
    'pkg:pub/lints@2.1.1 dev',
  ]);
});

test('Package.resolved (SwiftURL names) and Julia Manifest.toml', () => {
  assert.deepEqual(at('srv/swift/Package.resolved'), [
    'pkg:swift/github.com/apple/swift-log@1.5.3',
    'pkg:swift/github.com/apple/swift-nio@2.58.0',
  ]);
  assert.deepEqual(at('srv/julia/Manifest.toml'), [
    'pkg:julia/HTTP@1.10.0',
    'pkg:julia/JSON@0.21.4',
    'pkg:julia/URIs@1.5.1',
  ]);
});

test('renv.lock: CRAN and Bioconductor packages; the GitHub one said, not dropped', () => {
  assert.deepEqual(at('srv/r/renv.lock'), [
    'pkg:bioconductor/BiocGenerics@0.44.0',
    'pkg:cran/jsonlite@1.8.4',
    'pkg:cran/renv@0.16.0',
    'pkg:cran/xml2@1.3-3',
  ]);
  assert.match(sbom.unknowns.find((u) => u.path === 'srv/r/renv.lock')?.reason ?? '', /mytools/);
});

test('a go 1.16 module: go.mod, completed by go.sum as `go list -m all` selects', () => {
  assert.deepEqual(at('srv/go116/go.mod'), ['pkg:golang/example.com/web@v1.0.0']);
  assert.deepEqual(at('srv/go116/go.sum'), [
    'pkg:golang/example.com/codec@v1.2.0',
    'pkg:golang/example.com/log@v0.4.0',
    'pkg:golang/example.com/unused@v1.0.0',
  ]);
});

test('vendor/composer/installed.json under a custom vendor-dir', () => {
  const expected = parseInstalledJson(
    readFileSync(lang('php/testdata/installed-v2.json'), 'utf8'),
    'x',
  ).packages;
  assert.ok(expected.length > 2);
  assert.deepEqual(
    at('srv/php-app/lib/deps/composer/installed.json'),
    expected.map((p) => `pkg:composer/${p.name}@${p.version}${p.dev ? ' dev' : ''}`).sort(),
  );
});

test('runtimes in /usr/local: each at the version it reports itself; the dpkg python3.11 not twice', () => {
  const python = say('/usr/bin/python3.11', ['-c', 'import platform; print(platform.python_version())']);
  const php = say('/usr/bin/php', ['-r', 'echo PHP_VERSION;']);
  const ruby = say('ruby', ['-e', 'print RUBY_VERSION']);
  assert.deepEqual(at('usr/local/bin/node'), [`pkg:generic/node@${process.versions.node}`]);
  assert.deepEqual(at('usr/local/bin/python3.11'), [`pkg:generic/python@${python}`]);
  assert.deepEqual(at('usr/local/bin/php'), [`pkg:generic/php@${php}`]);
  assert.deepEqual(at('usr/local/lib/libruby.so.3.1.2'), [`pkg:generic/ruby@${ruby}`]);
  assert.deepEqual(at('usr/local/openjdk-17/release'), ['pkg:generic/openjdk@17.0.15']);
  // The same interpreter dpkg installed is one of its packages, not a runtime besides.
  assert.ok(dpkgTruth.some((row) => row.startsWith('python3.11-minimal ')));
  assert.deepEqual(at('usr/bin/python3.11'), []);
});

test('no other application packages than the files placed', () => {
  const paths = new Set(sbom.packages.filter((p) => p.type !== 'deb').map((p) => p.location.path));
  assert.deepEqual([...paths].sort(), [
    'opt/conda/conda-meta/numpy-1.26.4-py311h64a7726_0.json',
    'opt/conda/conda-meta/openssl-3.2.1-hd590300_0.json',
    'srv/analytics/environment.yml',
    'srv/cpp/conan.lock',
    'srv/dotnet/Directory.Packages.props',
    'srv/dotnet/WebApp/WebApp.csproj',
    'srv/elixir/mix.lock',
    'srv/flutter/pubspec.lock',
    'srv/go116/go.mod',
    'srv/go116/go.sum',
    'srv/ios/Podfile.lock',
    'srv/julia/Manifest.toml',
    'srv/jvm/gradle.lockfile',
    'srv/legacy/packages.config',
    'srv/php-app/lib/deps/composer/installed.json',
    'srv/py/pylock.toml',
    'srv/r/renv.lock',
    'srv/scala/build.sbt.lock',
    'srv/shop/api/pom.xml',
    'srv/shop/worker/pom.xml',
    'srv/swift/Package.resolved',
    'srv/tools/Acme.Widgets.dll',
    'srv/web/bun.lock',
    'usr/local/bin/node',
    'usr/local/bin/php',
    'usr/local/bin/python3.11',
    'usr/local/lib/libruby.so.3.1.2',
    'usr/local/openjdk-17/release',
  ]);
});

test('nothing goes unchecked silently: ecosystems without a matcher or without data are named', () => {
  // A database holding Debian advisories only: every other ecosystem of the image is a gap.
  const gaps = findMissingData(
    sbom,
    memoryInventory([
      {
        id: 'DSA-0',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'Debian:12', name: 'zlib' } }],
      },
    ]),
  );
  const row = (ecosystem: string) => gaps.find((g) => g.ecosystem === ecosystem);
  // No matcher at all (OSV has no conda or CocoaPods ecosystem): unsupported, counted.
  assert.deepEqual([row('conda')?.reason, row('conda')?.packages], ['unsupported', 5]);
  assert.deepEqual([row('cocoapods')?.reason, row('cocoapods')?.packages], ['unsupported', 8]);
  // The five runtimes found in /usr/local and the JDK: looked up under Bitnami, which is absent.
  assert.deepEqual([row('Bitnami')?.reason, row('Bitnami')?.packages], ['no-data-for-ecosystem', 5]);
  // Every application package is in one gap or another: none is silently "clean".
  assert.equal(
    gaps.reduce((n, g) => n + g.packages, 0),
    sbom.packages.filter((p) => p.type !== 'deb').length,
  );
  assert.ok(!gaps.some((g) => g.ecosystem.startsWith('Debian')));
});
