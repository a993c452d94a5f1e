import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzers } from '../../src/core/analyzer/analyzers.js';
import type { Analyzer, AnalyzerInput } from '../../src/core/analyzer/types.js';
import { encodeSbom } from '../../src/core/sbom/format/sbom-formats.js';
import type { Package, Sbom } from '../../src/core/sbom/model.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, run, testDocker } from '../../src/test-support/components.js';
import { dpkgQueryInImage, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { runCli } from '../../src/test-support/run-cli.js';

// A real `docker build --network none` of one image holding every kind of language
// package next to Debian packages that ship language files of their own: python3-six
// owns an egg-info under /usr/lib/python3/dist-packages, libslf4j-java owns jars with
// pom.properties under /usr/share/java. The truths are the tools that made each file:
// npm's own `npm query`, pip's `pip list`, `go version -m`, `unzip` of pom.properties,
// and dpkg inside the built image.
const base = 'bulwark-test/debian-lang:bookworm';
const tag = 'bulwark-test/language-image:latest';
const repo = new URL('../../', import.meta.url).pathname;
const fixtures = {
  npm: join(repo, 'src/core/analyzer/lang/npm/testdata/real'),
  python: join(repo, 'src/core/analyzer/lang/python/testdata/real'),
  go: join(repo, 'src/core/analyzer/lang/golang/testdata/hello'),
  jar: join(repo, 'src/core/analyzer/lang/java/testdata/slf4j-nop.jar'),
  context: join(repo, 'test/e2e/language-image'),
};
const pipMade = ['attrs-26.1.0.dist-info', 'python_dateutil-2.9.0.post0.dist-info'];

let work: string;
let sbom: Sbom;
let layerDiffIDs: string[];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-lang-'));
  await importDebianImage(base, ['jq', 'less', 'python3-six', 'libslf4j-java']);
  const ctx = join(work, 'ctx');
  await cp(join(fixtures.context, 'Dockerfile'), join(ctx, 'Dockerfile'));
  await cp(join(fixtures.npm, 'package.json'), join(ctx, 'app/package.json'));
  await cp(join(fixtures.npm, 'lock-v3/package-lock.json'), join(ctx, 'app/package-lock.json'));
  await cp(join(fixtures.npm, 'node_modules'), join(ctx, 'app/node_modules'), { recursive: true });
  const site = join(ctx, 'site-packages');
  for (const dir of pipMade)
    await cp(join(fixtures.python, 'pip-site-packages', dir), join(site, dir), { recursive: true });
  // Debian's own six metadata, but at a path no Debian package owns: this copy must be reported.
  await cp(
    join(fixtures.python, 'usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO'),
    join(site, 'six-1.16.0.egg-info/PKG-INFO'),
  );
  await cp(fixtures.go, join(ctx, 'hello'));
  await mkdir(join(ctx, 'jars'));
  // Byte-identical to Debian's /usr/share/java/slf4j-nop.jar, which must NOT be reported.
  await cp(fixtures.jar, join(ctx, 'jars/slf4j-nop.jar'));
  await run('jar', [
    '--create',
    '--file',
    join(ctx, 'jars/widget-3.4.5.jar'),
    '-C',
    join(fixtures.context, 'widget'),
    '.',
  ]);
  // Two jars no Maven group can be found for: a manifest without Implementation-Vendor-Id,
  // and no manifest at all (the version comes from the file name). They once made the purl
  // builder throw, and with it the whole scan.
  const manifest = join(work, 'nogroup.mf');
  await writeFile(manifest, 'Implementation-Title: nogroup-lib\nImplementation-Version: 2.0.1\n');
  await mkdir(join(work, 'empty'));
  await writeFile(join(work, 'empty/readme.txt'), 'no metadata here\n');
  const jar = (args: string[]) => run('jar', ['--create', ...args, '-C', join(work, 'empty'), '.']);
  await jar(['--file', join(ctx, 'jars/nogroup.jar'), '--manifest', manifest]);
  await jar(['--file', join(ctx, 'jars/bare-lib-1.4.2.jar'), '--no-manifest']);
  // A shaded jar that keeps its pom.properties outside META-INF/maven/.
  const shaded = join(work, 'shaded/META-INF/shaded/com.example.bulwark/shadedlib');
  await mkdir(shaded, { recursive: true });
  await writeFile(
    join(shaded, 'pom.properties'),
    '#Created by Apache Maven\ngroupId=com.example.bulwark\nartifactId=shadedlib\nversion=2.5.0\n',
  );
  await run('jar', ['--create', '--file', join(ctx, 'jars/shadedlib.jar'), '-C', join(work, 'shaded'), '.']);
  // A Go module's source beside the Node app: its toolchain line names the stdlib it builds with.
  await writeFile(
    join(ctx, 'app/go.mod'),
    [
      'module example.com/app',
      '',
      'go 1.22.0',
      '',
      'toolchain go1.22.5',
      '',
      'require (',
      '\tgolang.org/x/text v0.14.0',
      '\texample.com/local v0.0.0',
      ')',
      '',
      'replace example.com/local => ./local',
      '',
    ].join('\n'),
  );
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  sbom = await generateSbom(`docker:${tag}`, { cacheDir: false, docker: { host: testDocker().host } });
  layerDiffIDs = JSON.parse(await docker(['image', 'inspect', tag]))[0].RootFS.Layers;
});
after(() => rm(work, { recursive: true, force: true }));

interface Expected {
  purl: string;
  path: string;
  layer: number;
}

/** Every package of `type` as `purl path layer` lines, next to the expected ones. */
function assertPackages(type: Package['type'], pathPrefix: string, expected: Expected[]) {
  const ours = sbom.packages
    .filter((p) => p.type === type && p.location.path.startsWith(pathPrefix))
    .map((p) => `${p.purl} ${p.location.path} ${p.location.layer?.index}`)
    .sort();
  assert.deepEqual(ours, expected.map((e) => `${e.purl} ${e.path} ${e.layer}`).sort());
  for (const p of sbom.packages.filter((x) => x.type === type && x.location.path.startsWith(pathPrefix))) {
    assert.equal(
      p.location.layer?.diffID,
      layerDiffIDs[p.location.layer?.index ?? -1],
      `${p.purl} layer diffID`,
    );
  }
}

test('the layers are the image layers, one per Dockerfile step', () => {
  assert.equal(layerDiffIDs.length, 5);
  assert.deepEqual(
    sbom.layers.map((l) => l.diffID),
    layerDiffIDs,
  );
  assert.match(sbom.layers[1]?.createdBy ?? '', /COPY .* \/srv\/app/);
  assert.match(sbom.layers[4]?.createdBy ?? '', /COPY .* \/opt\/app\/lib/);
});

test('npm: each installed package once, the lockfile beside node_modules one more location of it', async () => {
  // The truth is npm's own `npm query '*'` of the install the image holds: one row per installed copy.
  const query = JSON.parse(await readFile(join(fixtures.npm, 'npm-query.json'), 'utf8')) as {
    name: string;
    version: string;
    dev: boolean;
    location: string;
  }[];
  const installed = query.filter((q) => q.location !== '');
  assert.ok(installed.length > 60, 'the real express tree');
  const purl = (q: { name: string; version: string }) =>
    `pkg:npm/${q.name.replace(/^@/, '%40')}@${q.version}`;
  const expected: Expected[] = installed.map((q) => ({
    purl: purl(q),
    path: `srv/app/${q.location}/package.json`,
    layer: 1,
  }));
  assertPackages('npm', '', expected);
  const npm = sbom.packages.filter((p) => p.type === 'npm');
  assert.equal(npm.length, installed.length, 'npm rows == installed packages, not twice as many');
  for (const p of npm) {
    assert.deepEqual(
      p.otherLocations?.map((l) => `${l.path} ${l.layer?.index}`),
      ['srv/app/package-lock.json 1'],
      p.name,
    );
  }
  const express = installed.find((q) => q.name === 'express');
  assert.match(express?.version ?? '', /^4\.\d+\.\d+$/);
  assert.ok(sbom.packages.some((p) => p.purl === `pkg:npm/express@${express?.version}`));
  assert.ok(sbom.packages.some((p) => p.purl === 'pkg:npm/%40types/ms@2.1.0'));
  // The lockfile knows what is dev-only, and the installed package keeps it; npm query is the truth.
  assert.deepEqual(
    npm
      .filter((p) => p.dev)
      .map((p) => `${p.name}@${p.version}`)
      .sort(),
    installed
      .filter((q) => q.dev)
      .map((q) => `${q.name}@${q.version}`)
      .sort(),
  );
  // CycloneDX: one component per package, so no `#2` bom-refs.
  const cdx = JSON.parse(encodeSbom('cyclonedx', sbom)) as { components: { 'bom-ref': string }[] };
  assert.deepEqual(
    cdx.components.map((c) => c['bom-ref']).filter((ref) => ref.includes('#')),
    [],
  );
});

test('pypi: pip-made dist-info and a copied egg-info, never the one dpkg owns', async () => {
  const pipList = JSON.parse(await readFile(join(fixtures.python, 'pip-list.json'), 'utf8')) as {
    name: string;
    version: string;
  }[];
  const site = 'usr/local/lib/python3.11/site-packages';
  const expected: Expected[] = pipMade.map((dir) => {
    const wanted = dir.slice(0, dir.indexOf('-')).replace(/_/g, '-');
    const pip = pipList.find((p) => p.name.toLowerCase().replace(/[-_.]+/g, '-') === wanted);
    assert.ok(pip, `pip list has ${wanted}`);
    return { purl: `pkg:pypi/${wanted}@${pip.version}`, path: `${site}/${dir}/METADATA`, layer: 2 };
  });
  expected.push({ purl: 'pkg:pypi/six@1.16.0', path: `${site}/six-1.16.0.egg-info/PKG-INFO`, layer: 2 });
  assert.ok(expected.some((e) => e.purl === 'pkg:pypi/python-dateutil@2.9.0.post0'));
  // All pypi packages of the image: the Debian-owned six egg-info must not be among them.
  assertPackages('pypi', '', expected);
  const six = sbom.packages.find((p) => p.type === 'deb' && p.name === 'python3-six');
  assert.equal(six?.version, '1.16.0-4');
  assert.match(six?.purl ?? '', /^pkg:deb\/debian\/python3-six@1\.16\.0-4\?arch=all&distro=debian-12/);
});

test('golang: the modules `go version -m` lists for the binary', async () => {
  const out = await run('go', ['version', '-m', fixtures.go]);
  const goVersion = /^[^:]+: go(\S+)/.exec(out)?.[1];
  assert.ok(goVersion, out);
  const modules: { name: string; version: string }[] = [{ name: 'stdlib', version: goVersion }];
  let last: { name: string; version: string } | undefined;
  for (const line of out.split('\n')) {
    const [, word, path = '', version = ''] = line.split('\t');
    if (word === 'mod' || word === 'dep') {
      last = { name: path, version };
      modules.push(last);
    } else if (word === '=>' && last && !path.startsWith('.') && !path.startsWith('/')) {
      // Replaced by another module: that module is what the binary holds.
      last.name = path;
      last.version = version;
    }
  }
  const deps = modules.filter((m) => m.version !== '(devel)');
  assert.equal(deps.length, 4, out);
  const expected = deps.map((m) => ({
    purl: `pkg:golang/${m.name}@${m.version}`,
    path: 'usr/local/bin/hello',
    layer: 3,
  }));
  assert.ok(expected.some((e) => e.purl === 'pkg:golang/example.com/newlib@v1.1.0'));
  assertPackages('golang', 'usr/local/bin/', [
    ...expected,
    ...modules
      .filter((m) => m.version === '(devel)')
      .map((m) => ({
        purl: `pkg:golang/${m.name}@${encodeURIComponent(m.version)}`,
        path: 'usr/local/bin/hello',
        layer: 3,
      })),
  ]);
});

test('golang: a go.mod scanned from source gives its requires and the toolchain as stdlib', () => {
  assertPackages('golang', 'srv/app/', [
    { purl: 'pkg:golang/golang.org/x/text@v0.14.0', path: 'srv/app/go.mod', layer: 1 },
    {
      // Replaced by a directory: the project's own code, and its purl says so.
      purl: `pkg:golang/example.com/local@v0.0.0?download_url=${encodeURIComponent('file:./local')}`,
      path: 'srv/app/go.mod',
      layer: 1,
    },
    { purl: 'pkg:golang/stdlib@1.22.5', path: 'srv/app/go.mod', layer: 1 },
  ]);
});

test('maven: the application jars by pom.properties, never the jars dpkg owns', async () => {
  const expected: Expected[] = [];
  for (const jar of ['slf4j-nop.jar', 'widget-3.4.5.jar', 'shadedlib.jar']) {
    const file = jar === 'slf4j-nop.jar' ? fixtures.jar : join(work, 'ctx/jars', jar);
    const props = await run('unzip', ['-p', file, 'META-INF/*/*/*/pom.properties']);
    const field = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(props)?.[1]?.trim();
    expected.push({
      purl: `pkg:maven/${field('groupId')}/${field('artifactId')}@${field('version')}`,
      path: `opt/app/lib/${jar}`,
      layer: 4,
    });
  }
  assert.deepEqual(expected.map((e) => e.purl).sort(), [
    'pkg:maven/com.example.bulwark/shadedlib@2.5.0',
    'pkg:maven/com.example.bulwark/widget@3.4.5',
    'pkg:maven/org.slf4j/slf4j-nop@1.7.32',
  ]);
  assertPackages(
    'maven',
    '',
    expected.concat(
      // No group, so no purl: the package is still listed with what is known.
      { purl: 'undefined', path: 'opt/app/lib/nogroup.jar', layer: 4 },
      { purl: 'undefined', path: 'opt/app/lib/bare-lib-1.4.2.jar', layer: 4 },
    ),
  );
  const slf4j = sbom.packages.find((p) => p.type === 'deb' && p.name === 'libslf4j-java');
  assert.equal(slf4j?.version, '1.7.32-1');
});

test('jars without a Maven group are listed, each with an unknown, and every format is written', async () => {
  const odd = sbom.packages
    .filter((p) => p.type === 'maven' && !p.purl)
    .map((p) => `${p.name}@${p.version} ${p.confidence}`)
    .sort();
  assert.deepEqual(odd, ['bare-lib@1.4.2 low', 'nogroup-lib@2.0.1 low']);
  for (const path of ['opt/app/lib/nogroup.jar', 'opt/app/lib/bare-lib-1.4.2.jar']) {
    const unknown = sbom.unknowns.find((u) => u.path === path);
    assert.match(unknown?.reason ?? '', /no Maven group/, path);
  }
  // The CLI as a user runs it: every SBOM format succeeds and holds the odd jar.
  const cache = join(work, 'cli-cache');
  for (const format of ['table', 'json', 'cyclonedx', 'spdx-json']) {
    const cli = await runCli(
      ['sbom', '--format', format, '--cache-dir', cache, '--docker-host', testDocker().host, `docker:${tag}`],
      { timeoutMs: 300_000 },
    );
    assert.equal(cli.code, 0, `${format}: ${cli.stderr}`);
    assert.match(cli.stdout, /nogroup-lib/, format);
    assert.match(cli.stdout, /bare-lib/, format);
    assert.match(cli.stdout, /express/, format);
  }
});

test('deb packages are exactly what dpkg-query sees inside the image', async () => {
  const inside = await dpkgQueryInImage(tag);
  const ours = sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => `${p.name} ${p.version}`)
    .sort();
  assert.deepEqual(ours, inside);
  assert.ok(ours.includes('python3-six 1.16.0-4') && ours.includes('libslf4j-java 1.7.32-1'));
  assert.ok(sbom.packages.filter((p) => p.type === 'deb').every((p) => p.location.layer?.index === 0));
});

test('no language package sits in a file dpkg owns, and none is reported twice', async () => {
  // dpkg's own file lists, with the merged-/usr symlinks resolved the way the kernel would.
  const script =
    'for d in bin sbin lib lib32 lib64 libx32; do [ -L /$d ] && echo "link $d $(readlink /$d)"; done; cat /var/lib/dpkg/info/*.list';
  const lines = (await docker(['run', '--rm', '--network', 'none', tag, 'sh', '-c', script]))
    .trim()
    .split('\n');
  const links = new Map(
    lines.filter((l) => l.startsWith('link ')).map((l) => l.split(' ').slice(1) as [string, string]),
  );
  const canonical = (path: string) => {
    const clean = path.replace(/^\/+/, '');
    const slash = clean.indexOf('/');
    const target = slash > 0 ? links.get(clean.slice(0, slash)) : undefined;
    return target ? `${target}${clean.slice(slash)}` : clean;
  };
  const owned = new Set(lines.filter((l) => l.startsWith('/')).map(canonical));
  assert.ok(
    owned.has('usr/share/java/slf4j-api.jar') &&
      owned.has('usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO'),
  );

  const language = sbom.packages.filter((p) => !['deb', 'rpm', 'apk'].includes(p.type));
  const inOwned = language.filter((p) => owned.has(canonical(p.location.path.split('!')[0] ?? '')));
  assert.deepEqual(
    inOwned.map((p) => `${p.purl} ${p.location.path}`),
    [],
  );
  assert.ok(!sbom.packages.some((p) => p.location.path.startsWith('usr/share/java/')));
  assert.ok(!sbom.packages.some((p) => p.location.path.startsWith('usr/lib/python3/dist-packages/')));

  const keys = sbom.packages.map((p) => `${p.type} ${p.name} ${p.version} ${p.location.path}`);
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  assert.deepEqual(twice, []);
  for (const p of sbom.packages)
    assert.ok(!p.location.path.startsWith('/'), `${p.location.path} has no leading slash`);
});

test('the rule has work to do: without dpkg file lists the Debian jars and egg-info would be reported', async () => {
  // dpkg with its owned-file lists dropped: the same scan must then report the Debian-owned files,
  // proving the base image really holds language metadata the applier has to leave out.
  const blind = analyzers.map(
    (a): Analyzer =>
      a.name !== 'pkg/dpkg'
        ? a
        : {
            ...a,
            analyze: async (input: AnalyzerInput) => ({ ...(await a.analyze(input)), ownedFiles: [] }),
          },
  );
  const unfiltered = await generateSbom(`docker:${tag}`, {
    cacheDir: false,
    analyzers: blind,
    docker: { host: testDocker().host },
  });
  const debianOwned = unfiltered.packages
    .filter(
      (p) => p.location.path.startsWith('usr/share/java/') || p.location.path.startsWith('usr/lib/python3/'),
    )
    .map((p) => p.purl);
  assert.ok(debianOwned.includes('pkg:maven/org.slf4j/slf4j-api@1.7.32'), debianOwned.join(' '));
  assert.ok(debianOwned.includes('pkg:maven/org.slf4j/slf4j-nop@1.7.32'));
  assert.ok(debianOwned.includes('pkg:pypi/six@1.16.0'));
});
