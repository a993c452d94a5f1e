import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDpkgStatus } from './parse-dpkg-status.js';

test("agrees with dpkg-query on this machine's own package database", () => {
  const truth = execFileSync(
    'dpkg-query',
    [
      '-W',
      '-f',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} format syntax
      '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n',
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('installed\t'))
    .map((line) => line.split('\t').slice(1).join('\t'))
    .sort();
  const parsed = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'utf8'), 'var/lib/dpkg/status');
  const ours = parsed.packages
    .map((p) => [p.name, p.version, p.arch, p.source?.name, p.source?.version].join('\t'))
    .sort();
  assert.ok(truth.length > 100, 'expected a real package database');
  assert.deepEqual(ours, truth);
  assert.deepEqual(parsed.unknowns, []);
});

test('keeps installed packages only, reads Source with and without a version, reports broken paragraphs', () => {
  const text = readFileSync(new URL('testdata/status-edge-cases', import.meta.url), 'utf8');
  const parsed = parseDpkgStatus(text, 'var/lib/dpkg/status');
  assert.deepEqual(parsed.packages, [
    {
      type: 'deb',
      name: 'libc6',
      version: '2.36-9+deb12u10',
      arch: 'amd64',
      source: { name: 'glibc', version: '2.36-9+deb12u10' },
    },
    {
      type: 'deb',
      name: 'libgcc-s1',
      version: '12.2.0-14+deb12u1',
      arch: 'amd64',
      source: { name: 'gcc-12', version: '12.2.0-14+deb12u1' },
    },
  ]);
  assert.deepEqual(parsed.unknowns, [
    { path: 'var/lib/dpkg/status', reason: 'paragraph 5: missing Version field' },
  ]);
});

test('garbage and empty input give no packages and no crash', () => {
  assert.deepEqual(parseDpkgStatus('', 'x').packages, []);
  const garbage = parseDpkgStatus('\u0000\u0001binary\n\n::::\nPackage:\n', 'x');
  assert.deepEqual(garbage.packages, []);
  assert.equal(garbage.unknowns.length, 2);
});
