import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarize } from '../../../../test-support/npm-test-helpers.js';
import { maxEntriesPerFile } from '../../parse-result.js';
import { parseYarnLock } from './parse-yarn-lock.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');

// Shapes: classic as in yarnpkg/yarn's own yarn.lock, berry as in yarnpkg/berry's yarn.lock
// (see testdata/README.md); the contents are ours, built on the real express tree's versions.
const fixtures: { file: string; want: string[] }[] = [
  {
    file: 'yarn-classic.lock',
    want: [
      '@types/ms@2.1.0',
      'accepts@1.3.8',
      'debug@2.6.9',
      'left-pad@1.3.0', // alias left-pad-alias@npm:left-pad
      'local-helper@0.0.1', // file: the project's own code, reported with a path origin
      'mime-db@1.52.0',
      'mime-types@2.1.35',
      'ms@2.0.0',
      'negotiator@0.6.3',
    ],
  },
  {
    file: 'yarn-berry.lock',
    want: [
      '@types/ms@2.1.0',
      'accepts@1.3.8',
      'left-pad@1.3.0',
      'mime-db@1.52.0',
      'mime-types@2.1.35',
      'negotiator@0.6.3',
      'resolve@1.22.8', // once: the patch: entry repeats it
      'widget@0.4.0', // git source: the manifest version
      // fixture-app@workspace:. is the project itself
    ],
  },
];

test('yarn.lock classic and berry', () => {
  for (const f of fixtures) {
    const result = parseYarnLock(read(f.file), `app/${f.file}`);
    assert.deepEqual(result.unknowns, [], f.file);
    assert.deepEqual(summarize(result.packages), f.want, f.file);
    assert.ok(result.packages.every((p) => p.type === 'npm'));
  }
});

test('damaged yarn.lock: an unknown with the reason, the readable entries still reported', () => {
  const classic = read('yarn-classic.lock');
  const cut = classic.slice(0, classic.indexOf('version "2.6.9"') + 'version "2.6'.length);
  const cases: { name: string; text: string; reason: string; count: number }[] = [
    { name: 'cut mid-value', text: cut, reason: 'malformed field at line 19', count: 2 },
    {
      name: 'cut mid-header',
      text: `${classic.slice(0, classic.indexOf('ms@2.0.0:'))}ms@2.0`,
      reason: 'malformed entry header at line 45',
      count: 7,
    },
    {
      name: 'entry without version',
      text: '# yarn lockfile v1\n\na@^1:\n  resolved "x"\n',
      reason: 'an entry has no version',
      count: 0,
    },
    {
      name: 'not a lockfile',
      text: 'hello world\n',
      reason: 'not a yarn lockfile: no entries and no header',
      count: 0,
    },
  ];
  for (const c of cases) {
    const result = parseYarnLock(c.text, 'app/yarn.lock');
    assert.deepEqual(result.unknowns, [{ path: 'app/yarn.lock', reason: c.reason }], c.name);
    assert.equal(result.packages.length, c.count, c.name);
  }
});

test('a yarn.lock with a million entries is cut at the documented limit', () => {
  const parts = ['# yarn lockfile v1\n\n'];
  for (let i = 0; i < 1_000_000; i++) parts.push(`p${i}@^1.0.0:\n  version "1.0.${i % 100}"\n\n`);
  const result = parseYarnLock(parts.join(''), 'yarn.lock');
  assert.equal(result.packages.length, maxEntriesPerFile);
  assert.match(result.unknowns[0]?.reason ?? '', /^too large/);
});
