import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarize } from '../../../../test-support/npm-test-helpers.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');

// Shapes per lockfile version are cited in testdata/README.md (pnpm/pnpm's own lockfile for 9.0,
// the pnpm lockfile spec for 5.x and 6.x); the contents are ours.
const fixtures: { file: string; want: string[] }[] = [
  {
    file: 'pnpm-v5.yaml',
    want: [
      '@types/ms@2.1.0 dev',
      'accepts@1.3.8',
      'fsevents@2.3.3',
      'loose-envify@1.4.0',
      'mime-types@2.1.35',
      'react-dom@18.2.0', // peer suffix _react@18.2.0 dropped
      'widget@0.4.0', // git: name/version fields
    ],
  },
  {
    file: 'pnpm-v6.yaml',
    want: ['@types/ms@2.1.0 dev', 'accepts@1.3.8', 'loose-envify@1.4.0', 'react-dom@18.2.0'],
  },
  {
    file: 'pnpm-v9.yaml',
    want: [
      '@types/ms@2.1.0 dev', // only a devDependency
      'accepts@1.3.8',
      'js-tokens@4.0.0', // a devDependency, but also reached from react-dom in production
      'loose-envify@1.4.0',
      'mocha@10.2.0 dev',
      'ms@2.1.3', // reached from mocha (dev) and accepts (prod)
      'react-dom@18.2.0',
      'react@18.2.0',
      'string-width@4.2.3', // aliased as string-width-cjs
      'widget@0.4.0', // tarball: version field
    ],
  },
];

test('pnpm-lock.yaml 5.x, 6.x and 9.x', () => {
  for (const f of fixtures) {
    const result = parsePnpmLock(read(f.file), 'app/pnpm-lock.yaml');
    assert.deepEqual(result.unknowns, [], f.file);
    assert.deepEqual(summarize(result.packages), f.want, f.file);
  }
});

test('damaged pnpm-lock.yaml: an unknown with the reason, the readable entries still reported', () => {
  const v6 = read('pnpm-v6.yaml');
  const cut = v6.slice(0, v6.indexOf('/loose-envify@1.4.0:') + '/loose-envify@1.'.length);
  const cases: { name: string; text: string; reason: string; count: number }[] = [
    { name: 'cut mid-key', text: cut, reason: 'malformed line 34', count: 2 },
    {
      name: 'no lockfileVersion',
      text: 'packages:\n\n  /a@1.0.0:\n    dev: false\n',
      reason: 'not a pnpm lockfile: no lockfileVersion',
      count: 0,
    },
    {
      name: 'binary',
      text: '\u0000\u0001\u0002',
      reason: 'not a pnpm lockfile: no lockfileVersion',
      count: 0,
    },
  ];
  for (const c of cases) {
    const result = parsePnpmLock(c.text, 'app/pnpm-lock.yaml');
    assert.deepEqual(result.unknowns, [{ path: 'app/pnpm-lock.yaml', reason: c.reason }], c.name);
    assert.equal(result.packages.length, c.count, c.name);
  }
});
