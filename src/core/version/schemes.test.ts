import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { compareVersions, schemeForEcosystem, versionSchemes } from './schemes.js';

test('schemes: every comparator file is registered under its own name', () => {
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .filter((f) => !['types', 'schemes', 'digits'].includes(f));
  const names = Object.keys(versionSchemes);
  assert.deepEqual([...files].sort(), [...names].sort());
  for (const [key, scheme] of Object.entries(versionSchemes)) assert.equal(scheme.name, key);
});

test('schemes: OSV ecosystem names map to their scheme', () => {
  const cases: [string, string | undefined][] = [
    ['Debian', 'deb'],
    ['Debian:12', 'deb'],
    ['Ubuntu:22.04:LTS', 'deb'],
    ['Ubuntu:Pro:18.04:LTS', 'deb'],
    ['Alpine:v3.20', 'apk'],
    ['Wolfi', 'apk'],
    ['Chainguard', 'apk'],
    ['Red Hat', 'rpm'],
    ['Red Hat:rhel_aus:8.4::appstream', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['AlmaLinux:9', 'rpm'],
    ['SUSE:SUSE Linux Enterprise Server 15 SP5', 'rpm'],
    ['openSUSE:Leap 15.5', 'rpm'],
    ['npm', 'semver'],
    ['crates.io', 'semver'],
    ['PyPI', 'pep440'],
    ['Go', 'go'],
    ['Maven', 'maven'],
    ['Maven:https://maven.google.com', 'maven'],
    ['RubyGems', 'gem'],
    ['Packagist', 'composer'],
    ['NuGet', 'nuget'],
    ['Hackage', 'pvp'],
    ['GHC', 'pvp'],
    ['Kubernetes', 'go'],
    ['openEuler:22.03-LTS-SP1', 'rpm'],
    ['Mageia:9', 'rpm'],
    ['MinimOS', 'apk'],
    ['Echo', 'deb'],
    ['opam', undefined], // no matcher, so no comparator yet
    ['debian', undefined], // OSV names are case-sensitive
    ['constructor', undefined],
    ['', undefined],
  ];
  for (const [eco, want] of cases) assert.equal(schemeForEcosystem(eco)?.name, want, eco);
});

test('schemes: compareVersions parses both sides, undefined when either is invalid', () => {
  assert.ok(compareVersions(versionSchemes.deb, '1.0~rc1', '1.0')! < 0);
  assert.ok(compareVersions(versionSchemes.pep440, '1.0.post1', '1.0')! > 0);
  assert.equal(compareVersions(versionSchemes.semver, '1.0.0', 'v1.0.0'), 0);
  assert.equal(compareVersions(versionSchemes.semver, '1.0', '1.0.0'), undefined);
  assert.equal(compareVersions(versionSchemes.apk, '1.0-r1', 'junk'), undefined);
});
