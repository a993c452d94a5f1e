import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hugePackageLock, summarize } from '../../../../test-support/npm-test-helpers.js';
import { maxEntriesPerFile } from '../../parse-result.js';
import { parsePackageLock } from './parse-package-lock.js';

const real = join(import.meta.dirname, 'testdata', 'real');

/** Truth from the real npm client: `npm query '*'` over the installed tree (see testdata/README.md). */
function npmQueryTruth(): string[] {
  const rows = JSON.parse(readFileSync(join(real, 'npm-query.json'), 'utf8')) as {
    name: string;
    version: string;
    dev: boolean;
    location: string;
  }[];
  return rows
    .filter((r) => r.location !== '')
    .map((r) => `${r.name}@${r.version}${r.dev ? ' dev' : ''}`)
    .sort();
}

test('lockfiles written by npm (v1, v2, v3) list exactly the tree npm installed, dev flags included', () => {
  const truth = npmQueryTruth();
  assert.ok(truth.length > 60, 'fixture has the whole express tree');
  for (const v of ['lock-v1', 'lock-v2', 'lock-v3']) {
    const path = `app/${v}/package-lock.json`;
    const result = parsePackageLock(readFileSync(join(real, v, 'package-lock.json'), 'utf8'), path);
    assert.deepEqual(result.unknowns, [], v);
    assert.deepEqual(summarize(result.packages), truth, v);
    for (const p of result.packages) assert.equal(p.type, 'npm');
  }
});

test('v3 entries carry the license npm recorded', () => {
  const text = readFileSync(join(real, 'lock-v3', 'package-lock.json'), 'utf8');
  const express = parsePackageLock(text, 'package-lock.json').packages.find((p) => p.name === 'express');
  assert.deepEqual(express?.licenses, ['MIT']);
});

const lock = (packages: object) => JSON.stringify({ name: 'x', lockfileVersion: 3, packages });

const shapes: { name: string; text: string; want: string[] }[] = [
  {
    name: 'a link is reported once, with its folder version (its origin is a path); the folder is not counted again',
    text: lock({
      '': { name: 'x', workspaces: ['packages/*'] },
      'packages/a': { name: 'a', version: '1.0.0' },
      'node_modules/a': { resolved: 'packages/a', link: true },
      'node_modules/b': { version: '2.0.0' },
    }),
    want: ['a@1.0.0', 'b@2.0.0'],
  },
  {
    name: 'an alias reports the real package; devOptional and optional are not dev',
    text: lock({
      'node_modules/lp': { name: 'left-pad', version: '1.3.0' },
      'node_modules/fsevents': { version: '2.3.3', optional: true },
      'node_modules/chokidar': { version: '3.6.0', devOptional: true },
      'node_modules/@scope/t': { version: '0.1.0', dev: true },
      'node_modules/a/node_modules/@scope/t': { version: '0.2.0', dev: true },
    }),
    want: ['@scope/t@0.1.0 dev', '@scope/t@0.2.0 dev', 'chokidar@3.6.0', 'fsevents@2.3.3', 'left-pad@1.3.0'],
  },
  {
    name: 'v1: nested trees, npm: aliases resolved, file: and git: reported (origin in npm-origin.test.ts)',
    text: JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', dependencies: { b: { version: '2.0.0', dev: true } } },
        lp: { version: 'npm:left-pad@1.3.0' },
        local: { version: 'file:../local' },
        g: { version: 'git+https://github.com/x/g.git#abc' },
      },
    }),
    want: ['a@1.0.0', 'b@2.0.0 dev', 'g@abc', 'left-pad@1.3.0', 'local@'],
  },
  { name: 'no dependencies at all', text: '{"name":"x","lockfileVersion":3,"requires":true}', want: [] },
];

test('package-lock shapes', () => {
  for (const c of shapes) {
    const result = parsePackageLock(c.text, 'package-lock.json');
    assert.deepEqual(result.unknowns, [], c.name);
    assert.deepEqual(summarize(result.packages), c.want, c.name);
  }
});

test('truncated and malformed lockfiles become an unknown naming the file and the reason', () => {
  const whole = readFileSync(join(real, 'lock-v3', 'package-lock.json'), 'utf8');
  const cases: [string, RegExp][] = [
    [whole.slice(0, 5000), /^truncated JSON at position 5000$/],
    ['{"lockfileVersion": 3, "packages": {"node_modules/a" {}}}', /^malformed JSON at position \d+$/],
    ['[1, 2, 3]', /^not a JSON object$/],
    ['{"hello": "world"}', /^not a package-lock: no lockfileVersion$/],
    ['', /^truncated JSON/],
  ];
  for (const [text, reason] of cases) {
    const result = parsePackageLock(text, 'srv/app/package-lock.json');
    assert.equal(result.packages.length, 0);
    assert.equal(result.unknowns.length, 1);
    assert.equal(result.unknowns[0]!.path, 'srv/app/package-lock.json');
    assert.match(result.unknowns[0]!.reason, reason);
  }
});

// Its speed is measured by `npm run bench` (parsers), not asserted here.
test('a lockfile with a million entries is cut at the documented limit', () => {
  const text = hugePackageLock(1_000_000);
  const result = parsePackageLock(text, 'package-lock.json');
  assert.equal(result.packages.length, maxEntriesPerFile);
  assert.deepEqual(result.unknowns, [
    {
      path: 'package-lock.json',
      reason: `too large: 1000001 entries, only the first ${maxEntriesPerFile} read`,
    },
  ]);
});
