import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parseMetadata } from './parse-metadata.js';
import { pythonAnalyzer } from './python-analyzer.js';

const real = join(import.meta.dirname, 'testdata', 'real');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Debian version → upstream: drop the epoch, the Debian revision and repack suffixes (+dfsg). */
function upstream(debianVersion: string): string {
  return debianVersion
    .replace(/^\d+:/, '')
    .replace(/-[^-]*$/, '')
    .replace(/\+dfsg\d*$/, '');
}

test('metadata shipped by Debian python3-* packages matches the Debian package versions', async () => {
  // Truth: `dpkg-deb -f X.deb Package Version` and the metadata folder each .deb installs.
  const rows = readFileSync(join(real, 'debian-packages.txt'), 'utf8').trim().split('\n');
  for (const row of rows) {
    const [debName, debVersion, folder] = row.split(' ') as [string, string, string];
    const path = `usr/lib/python3/dist-packages/${folder}${folder.includes('.dist-info') ? 'METADATA' : 'PKG-INFO'}`;
    const content = readFileSync(join(real, path));
    assert.ok(pythonAnalyzer.wants({ path, size: content.length, mode: 0o644 }), path);
    const result = await pythonAnalyzer.analyze({
      path,
      size: content.length,
      mode: 0o644,
      content,
      tempDir: '/x',
    });
    assert.deepEqual(result.unknowns, [], path);
    assert.equal(result.packages?.length, 1, path);
    const pkg = result.packages![0]!;
    assert.equal(pkg.type, 'pypi');
    assert.equal(pkg.version, upstream(debVersion), debName);
    // Debian names python3-<name>; PyYAML is python3-yaml, the one exception here.
    assert.equal(pkg.name, debName === 'python3-yaml' ? 'pyyaml' : debName.slice('python3-'.length), debName);
  }
});

test('metadata written by pip-installed wheels matches `pip list`', () => {
  const truth = new Map(
    (
      JSON.parse(readFileSync(join(real, 'pip-list.json'), 'utf8')) as { name: string; version: string }[]
    ).map((p) => [p.name.replace(/[-_.]+/g, '-').toLowerCase(), p.version]),
  );
  const files = walk(join(real, 'pip-site-packages'));
  assert.ok(files.length >= 4);
  for (const file of files) {
    const pkg = parseMetadata(readFileSync(file, 'utf8'), relative(real, file)).packages[0]!;
    assert.equal(truth.get(pkg.name), pkg.version, pkg.name);
  }
});

const licenseCases: { file: string; name: string; licenses: string[] | undefined }[] = [
  // License-Expression (metadata 2.4) wins.
  {
    file: 'pip-site-packages/packaging-26.2.dist-info/METADATA',
    name: 'packaging',
    licenses: ['Apache-2.0 OR BSD-2-Clause'],
  },
  {
    file: 'pip-site-packages/typing_extensions-4.15.0.dist-info/METADATA',
    name: 'typing-extensions',
    licenses: ['PSF-2.0'],
  },
  // Trove classifiers beat the free-text "Dual License".
  {
    file: 'pip-site-packages/python_dateutil-2.9.0.post0.dist-info/METADATA',
    name: 'python-dateutil',
    licenses: ['BSD License', 'Apache Software License'],
  },
  {
    file: 'usr/lib/python3/dist-packages/chardet-5.1.0.dist-info/METADATA',
    name: 'chardet',
    licenses: ['GNU Lesser General Public License v2 or later (LGPLv2+)'],
  },
  {
    file: 'usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA',
    name: 'pyyaml',
    licenses: ['MIT License'],
  },
];

test('licenses: License-Expression, then classifiers, then a short License', () => {
  for (const c of licenseCases) {
    const pkg = parseMetadata(readFileSync(join(real, c.file), 'utf8'), c.file).packages[0];
    assert.equal(pkg?.name, c.name);
    assert.deepEqual(pkg?.licenses, c.licenses, c.file);
  }
  const free = parseMetadata(
    'Metadata-Version: 1.1\nName: Foo.Bar\nVersion: 1.0\nLicense: BSD\n\nbody',
    'x.egg-info',
  );
  assert.deepEqual(free.packages, [{ type: 'pypi', name: 'foo-bar', version: '1.0', licenses: ['BSD'] }]);
  const long = parseMetadata(
    'Name: a\nVersion: 1\nLicense: Copyright (c) 2020\n        Permission is hereby granted\n',
    'x',
  );
  assert.equal(long.packages[0]?.licenses, undefined);
});

test('truncated or foreign files are unknowns naming the file', () => {
  const cases: [string, string][] = [
    ['Metadata-Version: 2.1\nName: requests\nVers', 'not package metadata: no Version header'],
    ['', 'not package metadata: no Name header'],
    ['\u0000\u0001\u0002ELF', 'not package metadata: no Name header'],
    ['<html><body>404</body></html>', 'not package metadata: no Name header'],
  ];
  for (const [text, reason] of cases) {
    assert.deepEqual(parseMetadata(text, 'site-packages/x.dist-info/METADATA'), {
      packages: [],
      unknowns: [{ path: 'site-packages/x.dist-info/METADATA', reason }],
    });
  }
});

test('wants(): installed metadata and Python lockfiles only', () => {
  const cases: [string, boolean][] = [
    ['usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO', true],
    ['usr/lib/python3.11/site-packages/attrs-26.1.0.dist-info/METADATA', true],
    ['usr/lib/python3/dist-packages/foo-1.0.egg-info', true],
    ['usr/lib/python3/dist-packages/attrs-26.1.0.dist-info/RECORD', false],
    ['app/poetry.lock', true],
    ['app/Pipfile.lock', true],
    ['app/uv.lock', true],
    ['app/requirements.txt', true],
    ['app/requirements-dev.txt', true],
    ['app/requirements.in', false],
    ['app/Pipfile', false],
    ['app/pyproject.toml', false],
    ['app/my-uv.lock', false],
  ];
  for (const [path, want] of cases)
    assert.equal(pythonAnalyzer.wants({ path, size: 1, mode: 0o644 }), want, path);
});
