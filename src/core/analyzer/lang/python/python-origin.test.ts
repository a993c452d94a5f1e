import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FoundPackage } from '../../types.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parsePoetryLock } from './parse-poetry-lock.js';
import { parseUvLock } from './parse-uv-lock.js';

// Git, URL and path dependencies in Python lockfiles are other code than the PyPI package
// of the same name: they carry an origin; PyPI (and private index) packages do not.
// Shapes as poetry, pipenv and uv write them.

const sha = '0123456789abcdef0123456789abcdef01234567';

function origins(packages: FoundPackage[]): string[] {
  return packages
    .map((p) => `${p.name}@${p.version} ${p.origin ? `${p.origin.kind} ${p.origin.location}` : 'registry'}`)
    .sort();
}

const poetryTable = (name: string, version: string, source?: string) =>
  [
    '[[package]]',
    `name = "${name}"`,
    `version = "${version}"`,
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    ...(source ? ['', '[package.source]', source] : []),
    '',
  ].join('\n');

test('poetry.lock: git, url, file and directory sources carry their origin; a private index does not', () => {
  const lock = [
    poetryTable('six', '1.16.0'),
    poetryTable(
      'gitdep',
      '0.1.0',
      `type = "git"\nurl = "https://github.com/example/gitdep.git"\nreference = "main"\nresolved_reference = "${sha}"`,
    ),
    poetryTable('urldep', '2.0.0', 'type = "url"\nurl = "https://example.com/urldep-2.0.0.tar.gz"'),
    poetryTable('filedep', '3.0.0', 'type = "file"\nurl = "wheels/filedep-3.0.0-py3-none-any.whl"'),
    poetryTable('localdep', '0.0.1', 'type = "directory"\nurl = "../localdep"'),
    poetryTable(
      'private',
      '4.0.0',
      'type = "legacy"\nurl = "https://pypi.example.com/simple"\nreference = "corp"',
    ),
    '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "0"\n',
  ].join('\n');
  assert.deepEqual(origins(parsePoetryLock(lock, 'app/poetry.lock').packages), [
    'filedep@3.0.0 path wheels/filedep-3.0.0-py3-none-any.whl',
    `gitdep@0.1.0 git https://github.com/example/gitdep.git#${sha}`,
    'localdep@0.0.1 path ../localdep',
    'private@4.0.0 registry',
    'six@1.16.0 registry',
    'urldep@2.0.0 url https://example.com/urldep-2.0.0.tar.gz',
  ]);
});

test('Pipfile.lock: git and path entries are reported with their origin, not skipped', () => {
  const lock = JSON.stringify({
    _meta: { hash: { sha256: '0' }, 'pipfile-spec': 6, requires: {}, sources: [] },
    default: {
      six: { hashes: [], version: '==1.16.0' },
      gitdep: { git: 'https://github.com/example/gitdep.git', ref: sha },
      localdep: { editable: true, path: './localdep' },
      urldep: { file: 'https://example.com/urldep-2.0.0.tar.gz' },
    },
    develop: {},
  });
  assert.deepEqual(origins(parsePipfileLock(lock, 'app/Pipfile.lock').packages), [
    `gitdep@${sha} git https://github.com/example/gitdep.git#${sha}`,
    'localdep@ path ./localdep',
    'six@1.16.0 registry',
    'urldep@ url https://example.com/urldep-2.0.0.tar.gz',
  ]);
});

test('uv.lock: git, url, path and directory sources carry their origin; the project root is skipped', () => {
  const lock = [
    'version = 1',
    'requires-python = ">=3.11"',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    'source = { editable = "." }',
    '',
    '[[package]]',
    'name = "six"',
    'version = "1.16.0"',
    'source = { registry = "https://pypi.org/simple" }',
    '',
    '[[package]]',
    'name = "gitdep"',
    'version = "0.1.0"',
    `source = { git = "https://github.com/example/gitdep.git?rev=main#${sha}" }`,
    '',
    '[[package]]',
    'name = "urldep"',
    'version = "2.0.0"',
    'source = { url = "https://example.com/urldep-2.0.0.tar.gz" }',
    '',
    '[[package]]',
    'name = "localdep"',
    'version = "0.0.1"',
    'source = { directory = "../localdep" }',
    '',
    '[[package]]',
    'name = "wheeldep"',
    'version = "3.0.0"',
    'source = { path = "wheels/wheeldep-3.0.0-py3-none-any.whl" }',
    '',
  ].join('\n');
  assert.deepEqual(origins(parseUvLock(lock, 'app/uv.lock').packages), [
    `gitdep@0.1.0 git https://github.com/example/gitdep.git?rev=main#${sha}`,
    'localdep@0.0.1 path ../localdep',
    'six@1.16.0 registry',
    'urldep@2.0.0 url https://example.com/urldep-2.0.0.tar.gz',
    'wheeldep@3.0.0 path wheels/wheeldep-3.0.0-py3-none-any.whl',
  ]);
});
