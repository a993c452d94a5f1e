import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dpkgAnalyzer } from './dpkg-analyzer.js';
import { debVersionProblem } from './parse-dpkg-status.js';

// Two rules, each checked against dpkg itself:
// - in var/lib/dpkg/status a paragraph without `Status:` is not installed (dpkg-query does not
//   list it); "no Status means installed" holds only for distroless status.d/ entries;
// - a version dpkg calls "bad syntax" (warning or error) is an unknown, not a package.

const para = (name: string, version: string, status?: string) =>
  [
    `Package: ${name}`,
    ...(status ? [`Status: ${status}`] : []),
    'Architecture: amd64',
    `Version: ${version}`,
    'Maintainer: x <x@example.com>',
    'Description: x',
    '',
  ].join('\n');

const status = [
  para('ok', '1.0-1', 'install ok installed'),
  para('nostatus', '2.0-1'),
  para('removed', '3.0-1', 'deinstall ok config-files'),
  para('badversion', '1:5.#', 'install ok installed'),
].join('\n');

async function analyze(path: string, text: string) {
  const content = Buffer.from(text);
  return dpkgAnalyzer.analyze({ path, content, size: content.length, mode: 0o644, tempDir: '/nonexistent' });
}

test('status: exactly what dpkg-query lists as installed; a bad version is an unknown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-dpkg-'));
  try {
    mkdirSync(join(dir, 'info'));
    mkdirSync(join(dir, 'updates'));
    writeFileSync(join(dir, 'status'), status);
    const listed = execFileSync(
      'dpkg-query',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} format syntax
      [`--admindir=${dir}`, '-W', '-f', '${db:Status-Status} ${Package}\n'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('installed '))
      .map((l) => l.slice('installed '.length))
      .sort();
    assert.deepEqual(listed, ['badversion', 'ok'], 'dpkg-query does not list a paragraph without Status');
    const result = await analyze('var/lib/dpkg/status', status);
    // badversion is installed for dpkg (with a warning), but its version cannot be trusted.
    assert.deepEqual('packages' in result ? result.packages.map((p) => p.name) : [], ['ok']);
    assert.deepEqual('unknowns' in result ? result.unknowns.map((u) => u.reason) : [], [
      "package badversion: invalid version '1:5.#' (invalid character in version number)",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status.d/ (distroless): no Status field means installed', async () => {
  const result = await analyze('var/lib/dpkg/status.d/base', para('base-files', '12.4+deb12u5'));
  assert.deepEqual('packages' in result ? result.packages.map((p) => `${p.name} ${p.version}`) : [], [
    'base-files 12.4+deb12u5',
  ]);
});

test('version syntax: bad exactly when dpkg says "bad syntax"', () => {
  const versions = [
    '1:5.#',
    '1:5.3-1',
    'a1.0',
    '1.0-',
    '1.0-1_2',
    '2:1.0~rc1+dfsg-3ubuntu1',
    '1.0 2',
    ':1',
    '1:',
    '1.0-a:b',
    '0:1.2.3',
    '1.2.3-1.1+b1',
    '1.0+git20200101.abc-1',
    '1.2:3-4',
    'x-1',
    '1.0-1-2',
    '10:1.0~~-0.1',
    '1.0$',
  ];
  for (const v of versions) {
    const out = execFileSync('sh', ['-c', 'dpkg --compare-versions "$1" eq "$1" 2>&1 || true', 'sh', v], {
      encoding: 'utf8',
    });
    const dpkgSaysBad = /bad syntax/.test(out);
    assert.equal(debVersionProblem(v) !== undefined, dpkgSaysBad, `${v}: dpkg says "${out.trim()}"`);
  }
});
