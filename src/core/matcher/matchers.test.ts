import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OSInfo, Package } from '../sbom/model.js';
import { matcherFor, matchers } from './matchers.js';

function os(family: OSInfo['family'], version: string): OSInfo {
  return { family, version, name: family };
}

function pkg(type: Package['type'], name: string, version: string, extra: Partial<Package> = {}): Package {
  return { type, name, version, location: { path: 'x' }, ...extra };
}

describe('matchers registry', () => {
  it('lists every *-matcher.ts file exactly once', () => {
    const here = import.meta.dirname;
    const files = readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'testdata' && d.name !== 'strategy')
      .flatMap((d) => readdirSync(join(here, d.name)).filter((f) => f.endsWith('-matcher.ts')));
    // suse-matcher.ts defines both SUSE and openSUSE.
    assert.equal(matchers.length, files.length + 1);
    assert.equal(new Set(matchers.map((m) => m.name)).size, matchers.length);
  });
});

describe('lookup targets', () => {
  const cases: { name: string; os?: OSInfo; pkg: Package; want: [string[], string, string, string][] }[] = [
    {
      name: 'Alpine: origin, major.minor release',
      os: os('alpine', '3.20.3'),
      pkg: pkg('apk', 'libcrypto3', '3.3.2-r0', { source: { name: 'openssl' } }),
      want: [[['Alpine:v3.20'], 'openssl', 'source', '3.3.2-r0']],
    },
    {
      name: 'Ubuntu: LTS and plain spellings',
      os: os('ubuntu', '22.04'),
      pkg: pkg('deb', 'libssl3', '3.0.2-0ubuntu1.15', {
        source: { name: 'openssl', version: '3.0.2-0ubuntu1.15' },
      }),
      want: [[['Ubuntu:22.04:LTS', 'Ubuntu:22.04'], 'openssl', 'source', '3.0.2-0ubuntu1.15']],
    },
    {
      name: 'Debian by codename when the version is missing',
      os: { family: 'debian', version: '', name: 'Debian', codename: 'trixie' },
      pkg: pkg('deb', 'zlib1g', '1:1.3', { source: { name: 'zlib' } }),
      want: [[['Debian:13'], 'zlib', 'source', '1:1.3']],
    },
    {
      name: 'Rocky: binary rpm first, then the source rpm; epoch restored',
      os: os('rocky', '9.3'),
      pkg: pkg('rpm', 'openssl-libs', '3.0.7-25.el9_3', { epoch: 1, source: { name: 'openssl' } }),
      want: [
        [['Rocky Linux:9'], 'openssl-libs', 'name', '1:3.0.7-25.el9_3'],
        [['Rocky Linux:9'], 'openssl', 'source', '1:3.0.7-25.el9_3'],
      ],
    },
    {
      name: 'Maven group:artifact',
      pkg: pkg('maven', 'log4j-core', '2.14.1', { namespace: 'org.apache.logging.log4j' }),
      want: [[['Maven'], 'org.apache.logging.log4j:log4j-core', 'name', '2.14.1']],
    },
    {
      name: 'Go toolchain',
      pkg: pkg('golang', 'stdlib', 'go1.21.3'),
      want: [[['Go'], 'stdlib', 'name', '1.21.3']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const matcher = matcherFor(c.pkg, c.os?.family);
      assert.ok(matcher);
      const got = matcher.targets(c.pkg, c.os).map((t) => [[...t.ecosystems], t.name, t.via, t.version]);
      assert.deepEqual(got, c.want);
    });
  }

  it('RHEL looks its release up by prefix, plus the EUS streams of its minor', () => {
    const matcher = matcherFor(pkg('rpm', 'bash', '5.1.8-6.el9'), 'rhel')!;
    const [target] = matcher.targets(pkg('rpm', 'bash', '5.1.8-6.el9'), os('rhel', '9.4'));
    assert.ok(target?.ecosystemPrefixes?.includes('Red Hat:enterprise_linux:9::'));
    assert.ok(target?.ecosystemPrefixes?.includes('Red Hat:rhel_eus:9.4::'));
  });

  it('an rpm on an unknown distro has no matcher', () =>
    assert.equal(matcherFor(pkg('rpm', 'x', '1'), 'unknown'), undefined));
});
