import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { EntrySpec } from '../../test-support/make-image.js';
import { makeLayer, sha256 } from '../../test-support/make-image.js';
import { analyzers } from '../analyzer/analyzers.js';
import { walkLayer } from '../layer/walk-layer.js';
import type { Package } from '../sbom/model.js';
import { applyLayers } from './apply-layers.js';

// An installed tree and the lockfile beside it describe the same packages: each installed
// copy is one package, the lockfile one more place it was found. The fixtures are the real
// ones the analyzers are tested with (npm's own install of express, Composer's installed.json
// and composer.lock, Bundler's Gemfile.lock with Debian's gemspecs, pip's dist-info).

const lang = new URL('../analyzer/lang/', import.meta.url).pathname;

function tree(dir: string, under: string): EntrySpec[] {
  const out: EntrySpec[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else out.push({ name: join(under, relative(dir, path)), content: readFileSync(path) });
  };
  visit(dir);
  return out;
}

function file(name: string, from: string): EntrySpec {
  return { name, content: readFileSync(join(lang, from)) };
}

async function scan(layers: EntrySpec[][]) {
  const walked = [];
  for (const [index, entries] of layers.entries()) {
    const tar = await makeLayer(entries);
    const diffID = sha256(tar);
    const result = await walkLayer(Readable.from([tar]), { analyzers, diffID, tempDir: '/nonexistent' });
    walked.push({ info: { index, diffID, digest: diffID }, result });
  }
  return applyLayers(walked);
}

const keyOf = (p: Package) => `${p.type} ${p.name}@${p.version}`;

function duplicates(packages: Package[]): string[] {
  const byKey = packages.map(keyOf);
  return byKey.filter((k, i) => byKey.indexOf(k) !== i);
}

test('npm: node_modules and package-lock.json beside it are one package per installed copy', async () => {
  const real = join(lang, 'npm/testdata/real');
  const query = JSON.parse(readFileSync(join(real, 'npm-query.json'), 'utf8')) as {
    name: string;
    version: string;
    dev: boolean;
    location: string;
  }[];
  const installed = query.filter((q) => q.location !== '');
  const applied = await scan([
    [
      ...tree(join(real, 'node_modules'), 'srv/app/node_modules'),
      file('srv/app/package.json', 'npm/testdata/real/package.json'),
      file('srv/app/package-lock.json', 'npm/testdata/real/lock-v3/package-lock.json'),
    ],
  ]);
  const npm = applied.packages.filter((p) => p.type === 'npm');
  // The truth is npm's own `npm query '*'` of that install: one row per installed copy.
  assert.deepEqual(
    npm.map((p) => `${p.name}@${p.version} ${p.location.path}`).sort(),
    installed.map((q) => `${q.name}@${q.version} srv/app/${q.location}/package.json`).sort(),
  );
  for (const p of npm) {
    assert.deepEqual(
      p.otherLocations?.map((l) => l.path),
      ['srv/app/package-lock.json'],
      `${p.name} was also found in the lockfile`,
    );
  }
  // What the lockfile knew (dev-only) is kept on the installed package.
  assert.deepEqual(
    npm
      .filter((p) => p.dev)
      .map(keyOf)
      .sort(),
    installed
      .filter((q) => q.dev)
      .map((q) => `npm ${q.name}@${q.version}`)
      .sort(),
  );
});

test('npm: with no installed tree, two lockfiles of one project still give one package each', async () => {
  const applied = await scan([
    [
      file('app/package-lock.json', 'npm/testdata/real/lock-v3/package-lock.json'),
      file('app/npm-shrinkwrap.json', 'npm/testdata/real/lock-v2/package-lock.json'),
    ],
  ]);
  const npm = applied.packages.filter((p) => p.type === 'npm');
  assert.ok(npm.length > 60);
  assert.deepEqual(duplicates(npm), []);
  const express = npm.find((p) => p.name === 'express');
  assert.deepEqual([express?.location.path, ...(express?.otherLocations ?? []).map((l) => l.path)].sort(), [
    'app/npm-shrinkwrap.json',
    'app/package-lock.json',
  ]);
});

test('a lockfile in another project does not claim this project’s installed packages', async () => {
  const real = join(lang, 'npm/testdata/real');
  const applied = await scan([
    [
      ...tree(join(real, 'node_modules'), 'srv/app/node_modules'),
      file('other/package-lock.json', 'npm/testdata/real/lock-v3/package-lock.json'),
    ],
  ]);
  const express = applied.packages.filter((p) => p.type === 'npm' && p.name === 'express');
  assert.deepEqual(express.map((p) => p.location.path).sort(), [
    'other/package-lock.json',
    'srv/app/node_modules/express/package.json',
  ]);
});

test('php: vendor/composer/installed.json and composer.lock are one package each', async () => {
  const applied = await scan([
    [
      file('app/composer.lock', 'php/testdata/composer.lock'),
      file('app/vendor/composer/installed.json', 'php/testdata/installed-v2.json'),
    ],
  ]);
  const php = applied.packages.filter((p) => p.type === 'composer');
  assert.deepEqual(duplicates(php), []);
  const monolog = php.find((p) => p.name === 'monolog/monolog');
  assert.equal(monolog?.location.path, 'app/vendor/composer/installed.json');
  assert.deepEqual(
    monolog?.otherLocations?.map((l) => l.path),
    ['app/composer.lock'],
  );
});

test('ruby: installed gemspecs and Gemfile.lock are one package each; lock-only gems stay', async () => {
  const applied = await scan([
    [
      ...tree(join(lang, 'ruby/testdata/real/usr'), 'usr'),
      file('srv/app/Gemfile.lock', 'ruby/testdata/real/bundler-2.3.27/Gemfile.lock'),
    ],
  ]);
  const gems = applied.packages.filter((p) => p.type === 'gem');
  assert.deepEqual(duplicates(gems), []);
  const rack = gems.find((p) => p.name === 'rack');
  assert.match(rack?.location.path ?? '', /specifications\/rack-2\.2\.22\.gemspec$/);
  assert.deepEqual(
    rack?.otherLocations?.map((l) => l.path),
    ['srv/app/Gemfile.lock'],
  );
  assert.equal(gems.find((p) => p.name === 'json')?.location.path, 'srv/app/Gemfile.lock');
});

test('python: a venv beside poetry.lock, names compared the PEP 503 way', async () => {
  const dist = 'python/testdata/real/pip-site-packages/python_dateutil-2.9.0.post0.dist-info/METADATA';
  const lock = [
    '[[package]]',
    'name = "Python_DateUtil"',
    'version = "2.9.0.post0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[[package]]',
    'name = "six"',
    'version = "1.16.0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[metadata]',
    'lock-version = "2.0"',
    'python-versions = "^3.11"',
    'content-hash = "0"',
    '',
  ].join('\n');
  const applied = await scan([
    [
      file('app/.venv/lib/python3.11/site-packages/python_dateutil-2.9.0.post0.dist-info/METADATA', dist),
      { name: 'app/poetry.lock', content: lock },
    ],
  ]);
  const py = applied.packages.filter((p) => p.type === 'pypi');
  assert.deepEqual(py.map((p) => `${p.name}@${p.version} ${p.location.path}`).sort(), [
    'python-dateutil@2.9.0.post0 app/.venv/lib/python3.11/site-packages/python_dateutil-2.9.0.post0.dist-info/METADATA',
    'six@1.16.0 app/poetry.lock',
  ]);
});

for (const lockPath of ['app/package-lock.json', 'app/node_modules/.package-lock.json'])
  test(`an installed package ${lockPath} says came from git keeps that origin, and its purl says so`, async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const lock = JSON.stringify({
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app' },
        'node_modules/widget': {
          version: '0.4.0',
          resolved: `git+ssh://git@github.com/example/widget.git#${sha}`,
        },
      },
    });
    const applied = await scan([
      [
        { name: 'app/node_modules/widget/package.json', content: '{"name":"widget","version":"0.4.0"}' },
        { name: lockPath, content: lock },
      ],
    ]);
    const widget = applied.packages.filter((p) => p.name === 'widget');
    assert.equal(widget.length, 1);
    assert.equal(widget[0]?.location.path, 'app/node_modules/widget/package.json');
    assert.equal(widget[0]?.origin?.kind, 'git');
    assert.equal(
      widget[0]?.purl,
      `pkg:npm/widget@0.4.0?vcs_url=${encodeURIComponent(`git+ssh://git@github.com/example/widget.git@${sha}`)}`,
    );
  });

test('.NET: a published app’s deps.json and the source’s packages.lock.json are one package each', async () => {
  const applied = await scan([
    [
      file('app/WebApp.deps.json', 'dotnet/testdata/WebApp.deps.json'),
      file('src/WebApp/packages.lock.json', 'dotnet/testdata/packages.lock.json'),
    ],
  ]);
  const nuget = applied.packages.filter((p) => p.type === 'nuget');
  assert.deepEqual(duplicates(nuget), []);
  const serilog = nuget.find((p) => p.name === 'Serilog' && p.version === '3.1.1');
  assert.equal(serilog?.location.path, 'app/WebApp.deps.json');
  assert.deepEqual(
    serilog?.otherLocations?.map((l) => l.path),
    ['src/WebApp/packages.lock.json'],
  );
  // Different versions stay two packages: the lock asks for 13.0.3, the app ships 13.0.1.
  assert.deepEqual(
    nuget
      .filter((p) => p.name === 'Newtonsoft.Json')
      .map((p) => p.version)
      .sort(),
    ['13.0.1', '13.0.3'],
  );
});
