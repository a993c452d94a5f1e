import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FoundPackage } from '../../types.js';
import { parseInstalledPackageJson } from './parse-package-json.js';
import { parsePackageLock } from './parse-package-lock.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';
import { parseYarnLock } from './parse-yarn-lock.js';

// Git, tarball-URL, file:, link: and workspace dependencies are other code than the registry
// package of the same name: each lockfile dialect must say where they came from (origin),
// and leave registry packages without one. Shapes as npm, yarn and pnpm write them.

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const sha = '0123456789abcdef0123456789abcdef01234567';

/** `name@version origin-kind origin-location` per package, sorted. */
function origins(packages: FoundPackage[]): string[] {
  return packages
    .map((p) => `${p.name}@${p.version} ${p.origin ? `${p.origin.kind} ${p.origin.location}` : 'registry'}`)
    .sort();
}

test('yarn classic: git, GitHub shorthand, tarball URL and file: entries carry their origin', () => {
  const lock = [
    '# yarn lockfile v1',
    '',
    '',
    'ms@^2.1.3:',
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#f6068e"',
    '',
    `"widget@git+https://github.com/example/widget.git#${sha}":`,
    '  version "0.4.0"',
    `  resolved "git+https://github.com/example/widget.git#${sha}"`,
    '',
    'shorty@example/shorty#v1.0.0:',
    '  version "1.0.0"',
    `  resolved "https://codeload.github.com/example/shorty/tar.gz/${sha}"`,
    '',
    '"tarred@https://example.com/tarred-1.0.0.tgz":',
    '  version "1.0.0"',
    '  resolved "https://example.com/tarred-1.0.0.tgz#abc"',
    '',
  ].join('\n');
  assert.deepEqual(origins(parseYarnLock(lock, 'app/yarn.lock').packages), [
    'ms@2.1.3 registry',
    'shorty@1.0.0 git https://github.com/example/shorty.git#v1.0.0',
    'tarred@1.0.0 url https://example.com/tarred-1.0.0.tgz',
    `widget@0.4.0 git git+https://github.com/example/widget.git#${sha}`,
  ]);
  const fixture = origins(parseYarnLock(read('yarn-classic.lock'), 'app/yarn.lock').packages);
  assert.ok(fixture.includes('local-helper@0.0.1 path file:./packages/local-helper'), fixture.join('\n'));
  assert.ok(fixture.includes('left-pad@1.3.0 registry'), 'an npm: alias is the registry package');
});

test('yarn berry: a git resolution carries its origin; workspaces are paths, the root is not a package', () => {
  const found = origins(parseYarnLock(read('yarn-berry.lock'), 'app/yarn.lock').packages);
  assert.ok(
    found.includes(`widget@0.4.0 git https://github.com/example/widget.git#${sha}`),
    found.join('\n'),
  );
  assert.ok(found.includes('accepts@1.3.8 registry'));
  assert.ok(!found.some((line) => line.startsWith('fixture-app@')), 'the project itself');
});

test('package-lock v3: resolved git, tarball and link entries carry their origin', () => {
  const lock = JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', dependencies: {} },
      'node_modules/ms': { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' },
      'node_modules/bare': { version: '1.0.0' },
      'node_modules/widget': {
        version: '0.4.0',
        resolved: `git+ssh://git@github.com/example/widget.git#${sha}`,
      },
      'node_modules/tarred': { version: '1.0.0', resolved: 'https://example.com/tarred-1.0.0.tgz' },
      'node_modules/packed': { version: '2.0.0', resolved: 'file:vendor/packed-2.0.0.tgz' },
      'node_modules/helper': { resolved: 'packages/helper', link: true },
      'packages/helper': { name: 'helper', version: '0.0.1' },
    },
  });
  assert.deepEqual(origins(parsePackageLock(lock, 'app/package-lock.json').packages), [
    'bare@1.0.0 registry',
    'helper@0.0.1 path packages/helper',
    'ms@2.1.3 registry',
    'packed@2.0.0 path file:vendor/packed-2.0.0.tgz',
    'tarred@1.0.0 url https://example.com/tarred-1.0.0.tgz',
    `widget@0.4.0 git git+ssh://git@github.com/example/widget.git#${sha}`,
  ]);
});

test('package-lock v1: git and file: specs are reported with their origin, not skipped', () => {
  const lock = JSON.stringify({
    lockfileVersion: 1,
    dependencies: {
      ms: { version: '2.1.3' },
      g: { version: `git+https://github.com/x/g.git#${sha}` },
      local: { version: 'file:../local' },
    },
  });
  assert.deepEqual(origins(parsePackageLock(lock, 'app/package-lock.json').packages), [
    `g@${sha} git git+https://github.com/x/g.git#${sha}`,
    'local@ path file:../local',
    'ms@2.1.3 registry',
  ]);
});

test('pnpm: tarball, git and directory resolutions carry their origin', () => {
  const v9 = origins(parsePnpmLock(read('pnpm-v9.yaml'), 'app/pnpm-lock.yaml').packages);
  assert.ok(
    v9.includes(`widget@0.4.0 url https://codeload.github.com/example/widget/tar.gz/${sha}`),
    v9.join('\n'),
  );
  assert.ok(v9.includes('accepts@1.3.8 registry'));
  const v5 = origins(parsePnpmLock(read('pnpm-v5.yaml'), 'app/pnpm-lock.yaml').packages);
  assert.ok(
    v5.includes(`widget@0.4.0 url https://codeload.github.com/example/widget/tar.gz/${sha}`),
    v5.join('\n'),
  );
  const inline = [
    "lockfileVersion: '9.0'",
    '',
    'packages:',
    '',
    '  ms@2.1.3:',
    '    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}',
    '',
    `  gadget@git+https://github.com/example/gadget.git#${sha}:`,
    `    resolution: {commit: ${sha}, repo: https://github.com/example/gadget.git, type: git}`,
    '    version: 1.2.0',
    '',
    '  helper@file:packages/helper:',
    '    resolution: {directory: packages/helper, type: directory}',
    '    name: helper',
    '    version: 0.0.1',
    '',
  ].join('\n');
  assert.deepEqual(origins(parsePnpmLock(inline, 'app/pnpm-lock.yaml').packages), [
    `gadget@1.2.0 git https://github.com/example/gadget.git#${sha}`,
    'helper@0.0.1 path packages/helper',
    'ms@2.1.3 registry',
  ]);
});

test('installed package.json written by npm 6 keeps `_resolved`: a git install says so', () => {
  const git = parseInstalledPackageJson(
    JSON.stringify({
      name: 'widget',
      version: '0.4.0',
      _resolved: `git+https://github.com/example/widget.git#${sha}`,
    }),
    'app/node_modules/widget/package.json',
  );
  const registry = parseInstalledPackageJson(
    JSON.stringify({
      name: 'ms',
      version: '2.1.3',
      _resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
    }),
    'app/node_modules/ms/package.json',
  );
  assert.deepEqual(origins([...git.packages, ...registry.packages]), [
    'ms@2.1.3 registry',
    `widget@0.4.0 git git+https://github.com/example/widget.git#${sha}`,
  ]);
});
