import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { summarize } from '../../../../test-support/npm-test-helpers.js';
import { npmAnalyzer } from './npm-analyzer.js';
import { parseInstalledPackageJson } from './parse-package-json.js';

const real = join(import.meta.dirname, 'testdata', 'real');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

test('the node_modules tree npm installed yields exactly what `npm query` reports', async () => {
  const truth = (
    JSON.parse(readFileSync(join(real, 'npm-query.json'), 'utf8')) as {
      name: string;
      version: string;
      location: string;
    }[]
  )
    .filter((r) => r.location !== '')
    .map((r) => `${r.name}@${r.version}`)
    .sort();
  const found = [];
  for (const file of walk(join(real, 'node_modules'))) {
    const path = `srv/app/${relative(real, file)}`;
    const size = readFileSync(file).length;
    if (!npmAnalyzer.wants({ path, size, mode: 0o644 })) continue;
    const content = readFileSync(file);
    const result = await npmAnalyzer.analyze({ path, size, mode: 0o644, content, tempDir: '/nonexistent' });
    assert.equal(result.unknowns?.length ?? 0, 0, path);
    found.push(...(result.packages ?? []));
  }
  // Installed manifests say nothing about dev; names and versions must match npm's own view.
  assert.deepEqual(summarize(found), truth);
  assert.ok(found.every((p) => p.type === 'npm' && p.dev === undefined));
  assert.deepEqual(found.find((p) => p.name === 'express')?.licenses, ['MIT']);
});

const manifests: { name: string; json: object; want: string[]; licenses?: string[] }[] = [
  {
    name: 'SPDX string',
    json: { name: 'a', version: '1.0.0', license: 'MIT' },
    want: ['a@1.0.0'],
    licenses: ['MIT'],
  },
  {
    name: 'legacy {type} object',
    json: { name: 'b', version: '1.0.0', license: { type: 'BSD-3-Clause', url: 'x' } },
    want: ['b@1.0.0'],
    licenses: ['BSD-3-Clause'],
  },
  {
    name: 'legacy licenses array',
    json: { name: '@s/c', version: '2.0.0', licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
    want: ['@s/c@2.0.0'],
    licenses: ['MIT', 'Apache-2.0'],
  },
  { name: 'no license', json: { name: 'd', version: '0.0.1' }, want: ['d@0.0.1'] },
  { name: 'private without version is skipped', json: { name: 'e', private: true }, want: [] },
  { name: 'marker without name is skipped', json: { type: 'module' }, want: [] },
];

test('installed package.json shapes', () => {
  for (const m of manifests) {
    const result = parseInstalledPackageJson(JSON.stringify(m.json), 'node_modules/x/package.json');
    assert.deepEqual(result.unknowns, [], m.name);
    assert.deepEqual(summarize(result.packages), m.want, m.name);
    assert.deepEqual(result.packages[0]?.licenses, m.licenses, m.name);
  }
});

test('a broken manifest is an unknown; the file next to it is still read', async () => {
  const files: [string, string][] = [
    ['node_modules/broken/package.json', '{"name": "broken", "version": "1.'],
    ['node_modules/ok/package.json', '{"name": "ok", "version": "1.0.0"}'],
    ['node_modules/garbage/package.json', '\u0000\u0001PK\u0003\u0004'],
  ];
  const results = await Promise.all(
    files.map(([path, text]) => {
      const content = Buffer.from(text);
      return npmAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, tempDir: '/x' });
    }),
  );
  assert.deepEqual(results[0]!.unknowns, [{ path: files[0]![0], reason: 'truncated JSON at position 33' }]);
  assert.deepEqual(summarize(results[1]!.packages ?? []), ['ok@1.0.0']);
  assert.equal(results[2]!.unknowns?.[0]?.path, files[2]![0]);
  assert.match(results[2]!.unknowns?.[0]?.reason ?? '', /^malformed JSON: Unexpected token/);
});
