import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryAdvisoryLookup } from '../../test-support/memory-advisory-lookup.js';
import type { OsvRecord } from '../advisory/osv-types.js';
import { packageFromPurl } from '../sbom/format/decode-common.js';
import type { Package, PackageOrigin, PackageType, Sbom } from '../sbom/model.js';
import { purlFor } from '../sbom/purl.js';
import { matchSbom } from './match-sbom.js';

// A dependency from git, a URL or a local path is other code than the registry package of
// the same name: a registry advisory for that name must not match it. The same name and
// version from the registry must still match, so the test proves the advisory applies.

const cases: {
  type: PackageType;
  ecosystem: string;
  name: string;
  version: string;
  origin: PackageOrigin;
}[] = [
  {
    type: 'npm',
    ecosystem: 'npm',
    name: 'widget',
    version: '0.4.0',
    origin: { kind: 'git', location: 'git+https://github.com/example/widget.git#0123456789abcdef' },
  },
  {
    type: 'npm',
    ecosystem: 'npm',
    name: 'tarred',
    version: '1.0.0',
    origin: { kind: 'url', location: 'https://example.com/t.tgz' },
  },
  {
    type: 'npm',
    ecosystem: 'npm',
    name: 'helper',
    version: '0.0.1',
    origin: { kind: 'path', location: 'file:../helper' },
  },
  {
    type: 'pypi',
    ecosystem: 'PyPI',
    name: 'requests',
    version: '2.0.0',
    origin: { kind: 'git', location: 'https://github.com/psf/requests.git#abcdef1' },
  },
  {
    type: 'cargo',
    ecosystem: 'crates.io',
    name: 'regex',
    version: '1.0.0',
    origin: { kind: 'git', location: 'https://github.com/rust-lang/regex#abcdef1' },
  },
  {
    type: 'golang',
    ecosystem: 'Go',
    name: 'example.com/lib',
    version: 'v1.0.0',
    origin: { kind: 'path', location: '../lib' },
  },
  {
    type: 'gem',
    ecosystem: 'RubyGems',
    name: 'rack',
    version: '2.0.0',
    origin: { kind: 'git', location: 'https://github.com/rack/rack.git#abcdef1' },
  },
  {
    type: 'composer',
    ecosystem: 'Packagist',
    name: 'acme/lib',
    version: '1.0.0',
    origin: { kind: 'path', location: '../lib' },
  },
];

function advisory(ecosystem: string, name: string, i: number): OsvRecord {
  return {
    id: `TEST-${i}`,
    modified: '2026-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
    ],
  };
}

function sbom(packages: Package[]): Sbom {
  return {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: { ref: 'x', kind: 'sbom', imageId: '', repoTags: [], repoDigests: [] },
    layers: [],
    packages,
    unknowns: [],
  };
}

for (const [i, c] of cases.entries()) {
  test(`${c.ecosystem}: a ${c.origin.kind} dependency is not matched against the registry's advisories`, () => {
    const store = new MemoryAdvisoryLookup([advisory(c.ecosystem, c.name, i)]);
    const base: Package = { type: c.type, name: c.name, version: c.version, location: { path: 'lock' } };
    assert.equal(matchSbom(sbom([base]), store).length, 1, 'the registry package is affected');
    const other: Package = { ...base, origin: c.origin };
    assert.deepEqual(matchSbom(sbom([other]), store), []);

    // The purl says where it came from, and a reader of that purl (scan --sbom) knows it too.
    const purl = purlFor(other);
    assert.match(purl ?? '', c.origin.kind === 'git' ? /[?&]vcs_url=/ : /[?&]download_url=/);
    const back = packageFromPurl(purl ?? '')?.pkg;
    assert.equal(back?.origin?.kind, c.origin.kind);
    assert.deepEqual(matchSbom(sbom([back as Package]), store), []);
  });
}
