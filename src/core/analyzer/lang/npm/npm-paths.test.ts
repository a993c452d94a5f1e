import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NpmFileKind, npmFileKind } from './npm-paths.js';

const cases: [string, NpmFileKind | undefined][] = [
  ['usr/lib/node_modules/npm/package.json', 'installed'],
  ['app/node_modules/express/package.json', 'installed'],
  ['app/node_modules/@types/ms/package.json', 'installed'],
  ['app/node_modules/send/node_modules/ms/package.json', 'installed'],
  ['node_modules/ms/package.json', 'installed'],
  ['app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json', 'installed'],
  // Not a package root: fixtures and markers inside a package, scope folders, dot folders.
  ['app/node_modules/foo/test/package.json', undefined],
  ['app/node_modules/foo/test/fixtures/bar/package.json', undefined],
  ['app/node_modules/@types/package.json', undefined],
  ['app/node_modules/@types/ms/dist/package.json', undefined],
  ['app/node_modules/.cache/package.json', undefined],
  ['app/node_modules/package.json', undefined],
  ['app/my_node_modules/foo/package.json', undefined],
  ['app/package.json', undefined],
  ['app/package-lock.json', 'package-lock'],
  ['package-lock.json', 'package-lock'],
  ['srv/npm-shrinkwrap.json', 'package-lock'],
  ['app/yarn.lock', 'yarn-lock'],
  ['app/pnpm-lock.yaml', 'pnpm-lock'],
  // Lockfiles shipped inside installed packages describe their development, not this image.
  ['app/node_modules/foo/package-lock.json', undefined],
  ['app/node_modules/foo/yarn.lock', undefined],
  // npm 7+'s hidden lockfile describes the installed tree it sits in (git/tarball origins included).
  ['app/node_modules/.package-lock.json', 'package-lock'],
  ['node_modules/.package-lock.json', 'package-lock'],
  ['app/node_modules/foo/node_modules/.package-lock.json', undefined],
  ['app/node_modules/.package-lock.json.bak', undefined],
  ['app/old-package-lock.json', undefined],
  ['app/yarn.lock.bak', undefined],
];

test('npmFileKind classifies paths', () => {
  for (const [path, kind] of cases) assert.equal(npmFileKind(path), kind, path);
});
