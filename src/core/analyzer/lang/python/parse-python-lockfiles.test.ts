import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ParseResult } from '../../parse-result.js';
import { maxEntriesPerFile } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parsePoetryLock } from './parse-poetry-lock.js';
import { parseRequirements } from './parse-requirements.js';
import { parseUvLock } from './parse-uv-lock.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const summarize = (packages: FoundPackage[]) =>
  packages.map((p) => `${p.type}:${p.name}@${p.version}${p.dev ? ' dev' : ''}`).sort();

// Shapes cited in testdata/README.md: python-poetry/poetry's poetry.lock (1.x, `category`) and
// Poetry 2's `groups`; astral-sh/uv's uv.lock; pipenv's Pipfile.lock spec; pip's requirements format.
const cases: { file: string; parse: (text: string, path: string) => ParseResult; want: string[] }[] = [
  {
    file: 'poetry-1.4.lock',
    parse: parsePoetryLock,
    // mylib is a directory source: reported with a path origin (python-origin.test.ts).
    want: [
      'pypi:certifi@2022.12.7',
      'pypi:mylib@0.1.0',
      'pypi:pytest@7.2.2 dev',
      'pypi:typing-extensions@4.5.0',
    ],
  },
  {
    file: 'poetry-2.lock',
    parse: parsePoetryLock,
    want: ['pypi:colorama@0.4.6', 'pypi:idna@3.10', 'pypi:iniconfig@2.0.0 dev', 'pypi:zope-interface@7.2'],
  },
  {
    file: 'Pipfile.lock',
    parse: parsePipfileLock,
    // mylib (path) and widget (git, its ref as version) carry an origin (python-origin.test.ts).
    want: [
      'pypi:certifi@2024.2.2',
      'pypi:django@5.0.3',
      'pypi:mylib@',
      'pypi:pytest@8.1.1 dev',
      'pypi:widget@0123456789abcdef0123456789abcdef01234567',
    ],
  },
  {
    file: 'uv.lock',
    parse: parseUvLock,
    want: [
      'pypi:anyio@4.9.0',
      'pypi:idna@3.10',
      'pypi:iniconfig@2.1.0 dev', // only under pytest, a dev group member
      'pypi:markupsafe@3.0.2', // an optional extra counts as runtime
      'pypi:pytest@8.3.5 dev',
      'pypi:sniffio@1.3.1', // in the dev group, but also needed by anyio
      'pypi:widget@0.4.0',
    ],
  },
  {
    file: 'requirements-dev.txt',
    parse: parseRequirements,
    want: [
      'pypi:django@5.0.3',
      'pypi:requests@2.31.0',
      'pypi:ruamel-yaml-clib@0.2.8',
      'pypi:typing-extensions@4.10.0',
      'pypi:urllib3@2.2.1',
      'pypi:zope-interface@7.2',
    ],
  },
];

test('python lockfiles', () => {
  for (const c of cases) {
    const result = c.parse(read(c.file), `app/${c.file}`);
    assert.deepEqual(result.unknowns, [], c.file);
    assert.deepEqual(summarize(result.packages), c.want, c.file);
  }
});

test('`pip freeze` output parses to exactly what `pip list` reports', () => {
  const truth = (JSON.parse(read('real/pip-list.json')) as { name: string; version: string }[]).map(
    (p) => `pypi:${p.name.replace(/[-_.]+/g, '-').toLowerCase()}@${p.version}`,
  );
  const found = summarize(
    parseRequirements(read('real/pip-freeze-requirements.txt'), 'requirements.txt').packages,
  );
  assert.equal(found.length, 101);
  for (const line of found) assert.ok(truth.includes(line), line);
});

test('damaged lockfiles: an unknown naming the file and the reason', () => {
  const poetry = read('poetry-1.4.lock');
  const bad: { parse: (t: string, p: string) => ParseResult; text: string; reason: RegExp }[] = [
    {
      parse: parsePoetryLock,
      text: poetry.slice(0, poetry.indexOf('pytest') + 3),
      reason: /^malformed TOML: /,
    },
    { parse: parsePoetryLock, text: 'package = 3\n', reason: /^`package` is not an array of tables$/ },
    {
      parse: parsePoetryLock,
      text: '[[package]]\nname = "a"\n',
      reason: /^a \[\[package\]\] table has no name or version$/,
    },
    { parse: parseUvLock, text: 'version = 1\n[[package]\nname = "a"', reason: /^malformed TOML: / },
    {
      parse: parsePipfileLock,
      text: read('Pipfile.lock').slice(0, 900),
      reason: /^truncated JSON at position 900$/,
    },
    {
      parse: parsePipfileLock,
      text: '{"_meta": {}}',
      reason: /^not a Pipfile.lock: no default or develop section$/,
    },
    { parse: parseRequirements, text: 'PK\u0003\u0004\u0000\u0000', reason: /^binary content/ },
  ];
  for (const b of bad) {
    const result = b.parse(b.text, 'app/lock');
    assert.equal(result.unknowns.length, 1, b.text.slice(0, 40));
    assert.equal(result.unknowns[0]!.path, 'app/lock');
    assert.match(result.unknowns[0]!.reason, b.reason);
  }
});

test('a requirements.txt with a million lines is cut at the documented limit', () => {
  const parts: string[] = [];
  for (let i = 0; i < 1_000_000; i++) parts.push(`package-${i}==1.0.${i % 100}`);
  const result = parseRequirements(parts.join('\n'), 'requirements.txt');
  assert.equal(result.packages.length, maxEntriesPerFile);
  assert.match(result.unknowns[0]?.reason ?? '', /^too large/);
});

test('a poetry.lock with a million packages is refused as too large', () => {
  const parts: string[] = [];
  for (let i = 0; i < 1_000_000; i++) parts.push(`[[package]]\nname = "p${i}"\nversion = "1.0.0"\n`);
  const result = parsePoetryLock(parts.join('\n'), 'poetry.lock');
  assert.deepEqual(result, {
    packages: [],
    unknowns: [{ path: 'poetry.lock', reason: `too large: 1000000 entries, limit ${maxEntriesPerFile}` }],
  });
});

test('a poetry.lock at the limit still parses', () => {
  const parts: string[] = [];
  for (let i = 0; i < maxEntriesPerFile; i++) parts.push(`[[package]]\nname = "p${i}"\nversion = "1.0.0"\n`);
  const result = parsePoetryLock(parts.join('\n'), 'poetry.lock');
  assert.equal(result.packages.length, maxEntriesPerFile);
});
