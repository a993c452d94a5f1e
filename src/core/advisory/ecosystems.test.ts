import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testdata } from '../../test-support/advisory-test-helpers.js';
import { defaultDbPath } from './db-path.js';
import {
  canonicalEcosystemName,
  defaultUpdateEcosystems,
  ecosystemFamily,
  isKnownEcosystem,
  osvEcosystems,
} from './ecosystems.js';
import { normalizePackageName } from './package-name.js';

describe('ecosystems', () => {
  it('lists exactly the ecosystems of the OSV schema', () => {
    const schema = JSON.parse(readFileSync(join(testdata, 'osv-schema.json'), 'utf8')) as {
      $defs: { ecosystemName: { enum: string[] } };
    };
    assert.deepEqual([...osvEcosystems].sort(), [...schema.$defs.ecosystemName.enum].sort());
  });

  it('defaults cover the distros and languages Bulwark matches', () => {
    assert.equal(defaultUpdateEcosystems.length, 18);
    for (const name of defaultUpdateEcosystems) assert.ok(isKnownEcosystem(name), name);
  });

  const families: [string, string, boolean][] = [
    ['Debian:12', 'Debian', true],
    ['Ubuntu:Pro:18.04:LTS', 'Ubuntu', true],
    ['Red Hat:enterprise_linux:9::appstream', 'Red Hat', true],
    ['Maven:https://maven.google.com', 'Maven', true],
    ['crates.io', 'crates.io', true],
    ['GIT', 'GIT', true],
    ['pypi', 'pypi', false],
    ['Frob:1', 'Frob', false],
  ];
  for (const [ecosystem, family, known] of families) {
    it(`${ecosystem} → ${family} (${known ? 'known' : 'unknown'})`, () => {
      assert.equal(ecosystemFamily(ecosystem), family);
      assert.equal(isKnownEcosystem(ecosystem), known);
    });
  }

  it('maps typed names to OSV spelling', () => {
    assert.equal(canonicalEcosystemName('pypi'), 'PyPI');
    assert.equal(canonicalEcosystemName('red hat'), 'Red Hat');
    assert.equal(canonicalEcosystemName('CRATES.IO'), 'crates.io');
    assert.equal(canonicalEcosystemName('cobol'), undefined);
  });
});

describe('normalizePackageName', () => {
  const cases: [string, string, string][] = [
    ['PyPI', 'Jinja2', 'jinja2'],
    ['PyPI', 'jw.util', 'jw-util'],
    ['PyPI', 'Zope__Interface', 'zope-interface'],
    ['PyPI', 'a-_.b', 'a-b'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['Go', 'github.com/Masterminds/semver', 'github.com/Masterminds/semver'],
    ['Debian:12', 'libxml2', 'libxml2'],
  ];
  for (const [ecosystem, name, expected] of cases) {
    it(`${ecosystem} ${name} → ${expected}`, () =>
      assert.equal(normalizePackageName(ecosystem, name), expected));
  }
});

describe('defaultDbPath', () => {
  const cases: [NodeJS.ProcessEnv, string][] = [
    [{ BULWARK_DB_DIR: '/srv/db', XDG_CACHE_HOME: '/x', HOME: '/h' }, '/srv/db/vuln.db'],
    [{ XDG_CACHE_HOME: '/x', HOME: '/h' }, '/x/bulwark/db/vuln.db'],
    [{ HOME: '/home/ana' }, '/home/ana/.cache/bulwark/db/vuln.db'],
  ];
  for (const [env, expected] of cases) {
    it(expected, () => assert.equal(defaultDbPath(env), expected));
  }
});
