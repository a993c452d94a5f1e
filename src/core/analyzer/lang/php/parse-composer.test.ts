import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { maxEntriesPerFile } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { parseComposerLock, parseInstalledJson } from './parse-composer.js';
import { phpAnalyzer } from './php-analyzer.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const summarize = (packages: FoundPackage[]) =>
  packages
    .map((p) => `${p.type}:${p.name}@${p.version} [${p.licenses?.join(',') ?? ''}]${p.dev ? ' dev' : ''}`)
    .sort();

// Shapes as Composer writes them (cited in testdata/README.md); the content is ours.
const cases: { file: string; parse: typeof parseComposerLock; want: string[] }[] = [
  {
    file: 'installed-v2.json',
    parse: parseInstalledJson,
    want: [
      'composer:acme/internal-tools@dev-main [proprietary]',
      'composer:monolog/monolog@2.9.1 [MIT]',
      'composer:phpunit/phpunit@10.5.11 [BSD-3-Clause] dev',
      'composer:psr/log@3.0.0 [MIT]',
      'composer:symfony/console@v6.4.4 [MIT]', // version kept as written, leading v included
    ],
  },
  {
    file: 'installed-v1.json',
    parse: parseInstalledJson,
    want: [
      'composer:guzzlehttp/guzzle@6.5.5 [MIT]',
      'composer:guzzlehttp/promises@1.4.0 [MIT]',
      'composer:twig/twig@v2.14.1 [BSD-3-Clause]', // a license string, not an array
    ],
  },
  {
    file: 'composer.lock',
    parse: parseComposerLock,
    want: [
      'composer:monolog/monolog@2.9.1 [MIT]',
      'composer:phpunit/phpunit@10.5.11 [BSD-3-Clause] dev',
      'composer:psr/log@3.0.0 [MIT]',
      'composer:symfony/polyfill-mbstring@v1.29.0 [MIT]',
    ],
  },
];

test('installed.json (Composer 1 and 2) and composer.lock', () => {
  for (const c of cases) {
    const result = c.parse(read(c.file), `app/${c.file}`);
    assert.deepEqual(result.unknowns, [], c.file);
    assert.deepEqual(summarize(result.packages), c.want, c.file);
  }
});

test('damaged files: an unknown naming the file and the reason; the next file still parses', async () => {
  const lock = read('composer.lock');
  const files: [string, string, RegExp | undefined][] = [
    ['app/composer.lock', lock.slice(0, 700), /^truncated JSON at position 700$/],
    [
      'app/vendor/composer/installed.json',
      '{"packages": {"a": 1}}',
      /^not a Composer installed.json: no packages list$/,
    ],
    ['srv/composer.lock', '{"packages": [1, {"name": "a/b"}]}', /^2 entries have no name or version$/],
    ['other/composer.lock', '{"hello": []}', /^not a composer.lock: no packages list$/],
    ['ok/composer.lock', lock, undefined],
  ];
  for (const [path, text, reason] of files) {
    const content = Buffer.from(text);
    const result = await phpAnalyzer.analyze({
      path,
      size: content.length,
      mode: 0o644,
      content,
      tempDir: '/x',
    });
    if (reason === undefined) {
      assert.equal(result.packages?.length, 4);
      continue;
    }
    assert.equal(result.unknowns?.length, 1, path);
    assert.equal(result.unknowns![0]!.path, path);
    assert.match(result.unknowns![0]!.reason, reason);
  }
});

test('a composer.lock with a million packages is cut at the documented limit', () => {
  const parts: string[] = [];
  for (let i = 0; i < 1_000_000; i++) parts.push(`{"name":"v/p${i}","version":"1.0.${i % 100}"}`);
  const result = parseComposerLock(`{"packages":[${parts.join(',')}]}`, 'composer.lock');
  assert.equal(result.packages.length, maxEntriesPerFile);
  assert.match(result.unknowns[0]?.reason ?? '', /^too large: 1000000 entries/);
});

test('wants(): installed.json under any <vendor-dir>/composer and the project composer.lock', () => {
  const cases: [string, boolean][] = [
    ['var/www/html/vendor/composer/installed.json', true],
    ['vendor/composer/installed.json', true],
    ['srv/app/lib/deps/composer/installed.json', true],
    ['srv/app/vendor/acme/tool/vendor/composer/installed.json', true],
    ['composer/installed.json', false],
    ['srv/app/composer/installed.js', false],
    ['var/www/html/composer.lock', true],
    ['composer.lock', true],
    ['var/www/html/vendor/acme/lib/composer.lock', false],
    ['var/www/html/composer.json', false],
    ['var/www/html/vendor/composer/installed.php', false],
  ];
  for (const [path, want] of cases)
    assert.equal(phpAnalyzer.wants({ path, size: 1, mode: 0o644 }), want, path);
});

test('a path repository package (dist type path) carries a path origin; Packagist packages do not', () => {
  const lock = JSON.stringify({
    packages: [
      {
        name: 'psr/log',
        version: '3.0.0',
        dist: { type: 'zip', url: 'https://api.github.com/repos/php-fig/log/zipball/fe5ea3' },
      },
      { name: 'acme/lib', version: 'dev-main', dist: { type: 'path', url: '../lib', reference: 'abc' } },
    ],
    'packages-dev': [],
  });
  for (const parse of [parseComposerLock, parseInstalledJson]) {
    const text = parse === parseComposerLock ? lock : JSON.stringify({ packages: JSON.parse(lock).packages });
    const found = parse(text, 'app/x').packages.map(
      (p) => `${p.name} ${p.origin ? `${p.origin.kind} ${p.origin.location}` : 'registry'}`,
    );
    assert.deepEqual(found.sort(), ['acme/lib path ../lib', 'psr/log registry']);
  }
});
