import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryAdvisoryLookup } from '../../../test-support/memory-advisory-lookup.js';
import type { OsvRecord } from '../../advisory/osv-types.js';
import type { FoundPackage } from '../../analyzer/types.js';
import { applyLayers } from '../../applier/apply-layers.js';
import type { FileResult } from '../../layer/types.js';
import { matchSbom } from '../../matcher/match-sbom.js';
import { reportFormats } from '../../report/reports.js';
import type { OSInfo, PackageType, Sbom } from '../model.js';
import { decodeSbom } from './decode.js';
import { sbomFormats } from './sbom-formats.js';
import { cycloneDxValidator, errorsText, spdxValidator } from './testdata/schema-validators.js';

// Property test: odd but possible analyzer outputs (no Maven group, empty versions,
// unicode, very long names, stray separators) go through the applier and every SBOM
// and report format. Nothing may throw, every package must reach every document, and a
// package whose purl cannot be built completely must leave an unknown saying so.

const types: PackageType[] = [
  'deb',
  'rpm',
  'apk',
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'composer',
  'nuget',
  'generic',
];
const oddNames = [
  'plain',
  '',
  ' ',
  'ünïcødé-名前',
  '🦀crab',
  'x'.repeat(5000),
  '@scope/',
  '@/x',
  '@scope/name',
  'group:artifact',
  ':',
  'a/b/c',
  '../../etc/passwd',
  'with space',
  'per%cent',
  'line\nbreak',
  'Upper_Case.Name',
  // A lone surrogate: JSON.parse of a package.json can yield one, and encodeURIComponent throws on it.
  'lone\ud800surrogate',
];
const oddVersions = ['1.0.0', '', ' ', 'v1', '1:2.3-4', '💥', '9'.repeat(3000), '1.0?x=y#z', 'a@b'];
const oddNamespaces = [undefined, '', 'org.example', 'ü', '/', 'a/b'];
const osChoices: (OSInfo | undefined)[] = [
  undefined,
  { family: 'unknown', version: '', name: '' },
  { family: 'debian', version: '', name: 'Debian sid', codename: 'sid' },
  { family: 'alpine', version: '3.20.3', name: 'Alpine' },
];

/** mulberry32: a tiny seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function oddPackages(seed: number, count: number): FoundPackage[] {
  const next = random(seed);
  const out: FoundPackage[] = [];
  // Every type with every odd name and every odd version at least once…
  for (const type of types) {
    for (const name of oddNames) out.push({ type, name, version: pick(next, oddVersions) });
    for (const version of oddVersions) out.push({ type, name: pick(next, oddNames), version });
  }
  // …then random mixes of every optional field.
  for (let i = 0; i < count; i++) {
    const pkg: FoundPackage = { type: pick(next, types), name: pick(next, oddNames), version: '' };
    pkg.version = pick(next, oddVersions);
    const namespace = pick(next, oddNamespaces);
    if (namespace !== undefined) pkg.namespace = namespace;
    if (next() < 0.3) pkg.arch = pick(next, ['', 'x86_64', 'ärch', 'a b']);
    if (next() < 0.3) pkg.source = { name: pick(next, oddNames), version: pick(next, oddVersions) };
    if (next() < 0.3) pkg.licenses = [pick(next, ['', 'MIT', 'MIT OR', '((', 'Ü-License', 'x'.repeat(2000)])];
    if (next() < 0.2) pkg.epoch = pick(next, [0, 1, -1, 2 ** 40]);
    if (next() < 0.2) pkg.confidence = 'low';
    if (next() < 0.2) pkg.dev = true;
    if (next() < 0.2) pkg.path = pick(next, ['app/x.jar!/BOOT-INF/lib/ü.jar', 'odd path/ü/package.json']);
    if (next() < 0.2) {
      const kind = pick(next, ['git', 'url', 'path'] as const);
      pkg.origin = {
        kind,
        location: pick(next, ['', 'git+ssh://git@h/ü.git#x y', '../ü dir', '%', 'x'.repeat(3000)]),
      };
    }
    if (next() < 0.2) pkg.declaredFor = pick(next, ['', 'odd', 'odd/1']);
    out.push(pkg);
  }
  return out;
}

function sbomOf(packages: FoundPackage[], os: OSInfo | undefined): Sbom {
  const layer = { index: 0, diffID: `sha256:${'a'.repeat(64)}`, digest: `sha256:${'b'.repeat(64)}` };
  const results: FileResult[] = packages.map((pkg, i) => ({
    analyzer: 'test/odd',
    path: `odd/${i}/file`,
    result: { packages: [pkg] },
  }));
  if (os) results.push({ analyzer: 'os/release', path: 'etc/os-release', result: { os } });
  const applied = applyLayers([
    { info: layer, result: { diffID: layer.diffID, whiteouts: [], opaqueDirs: [], symlinks: {}, results } },
  ]);
  const sbom: Sbom = {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: { ref: 'odd:ü', kind: 'docker-archive', imageId: layer.diffID, repoTags: [], repoDigests: [] },
    layers: [layer],
    packages: applied.packages,
    unknowns: applied.unknowns,
  };
  if (applied.os) sbom.os = applied.os;
  return sbom;
}

const validateCdx = cycloneDxValidator();
const validateSpdx = spdxValidator();

for (const [seed, os] of osChoices.entries()) {
  test(`odd analyzer outputs reach every SBOM and report format (seed ${seed}, os ${os?.family ?? 'none'})`, () => {
    const found = oddPackages(seed + 1, 300);
    const sbom = sbomOf(found, os);
    // Every package survives the applier; a lockfile-declared one may fold into an installed copy.
    const installed = found.filter((p) => p.declaredFor === undefined).length;
    assert.ok(sbom.packages.length >= installed && sbom.packages.length <= found.length);
    assert.ok(sbom.packages.length < found.length, 'some declared packages were folded');

    // A package without a full purl is still there, and an unknown says what is missing.
    const gaps = sbom.packages.filter((p) => p.purl === undefined || p.version.trim() === '');
    assert.ok(gaps.length > 0, 'the generator makes some packages no full purl fits');
    for (const p of gaps) {
      assert.ok(
        sbom.unknowns.some((u) => u.path === p.location.path && /purl/.test(u.reason)),
        `an unknown for ${p.type} "${p.name.slice(0, 40)}"@"${p.version.slice(0, 20)}" at ${p.location.path}`,
      );
    }
    // A package that has a purl has a parseable one, with the right type.
    for (const p of sbom.packages) {
      if (p.purl === undefined) continue;
      assert.match(p.purl, new RegExp(`^pkg:${p.type}/`));
    }

    for (const format of sbomFormats) {
      const text = format.encode(sbom, { deterministic: true, timestamp: '2026-01-01T00:00:00.000Z' });
      assert.ok(text.length > 0, format.name);
      if (format.name === 'cyclonedx') {
        const doc = JSON.parse(text) as { components: unknown[] };
        assert.ok(validateCdx(doc), errorsText(validateCdx));
        assert.equal(doc.components.length, sbom.packages.length + (sbom.os ? 1 : 0));
      }
      if (format.name === 'spdx-json') {
        const doc = JSON.parse(text) as { packages: unknown[] };
        assert.ok(validateSpdx(doc), errorsText(validateSpdx));
        assert.equal(doc.packages.length, sbom.packages.length + 1 + (sbom.os ? 1 : 0));
      }
      if (format.name === 'table') {
        assert.match(text, new RegExp(`\\n${sbom.packages.length} packages`));
      }
      if (format.name === 'cyclonedx-xml') {
        // Every package is a component (xmllint checks the schema in test/cli/sbom-formats.test.ts).
        const body = text.slice(text.indexOf('</metadata>'));
        const components = body.match(/<component /g) ?? [];
        assert.equal(components.length, sbom.packages.length + (sbom.os ? 1 : 0), format.name);
      }
      if (format.name === 'spdx') {
        const names = text.match(/^PackageName: /gm) ?? [];
        assert.equal(names.length, sbom.packages.length + 1 + (sbom.os ? 1 : 0), format.name);
      }
      if (format.name !== 'table' && format.name !== 'cyclonedx-xml' && format.name !== 'spdx') {
        // What we write we can read back, with every package (the JSON formats; the XML and
        // tag-value writers have no reader).
        // SPDX has no field for the package type but the purl: a package without one cannot come back.
        const expected = format.name === 'spdx-json' ? sbom.packages.filter((p) => p.purl) : sbom.packages;
        assert.equal(decodeSbom(text, `odd.${format.name}`).packages.length, expected.length, format.name);
      }
    }

    // The matcher asks about every odd name and version without throwing (every one is
    // "affected" by an advisory that names it with an open range, when its version parses).
    const ecosystems = [
      'npm',
      'PyPI',
      'Go',
      'Maven',
      'RubyGems',
      'crates.io',
      'Packagist',
      'NuGet',
      'Debian:12',
    ];
    const records: OsvRecord[] = oddNames.map((name, i) => ({
      id: `ODD-${i}`,
      modified: '2026-01-01T00:00:00Z',
      affected: ecosystems.map((ecosystem) => ({
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      })),
    }));
    assert.doesNotThrow(() => matchSbom(sbom, new MemoryAdvisoryLookup(records)));

    // Reports carry packages through findings: make one finding per package.
    const findings = sbom.packages.map((pkg, i) => ({
      id: `TEST-${i}`,
      aliases: [],
      package: pkg,
      installedVersion: pkg.version,
      fixedVersions: [],
      patchable: false,
      severity: 3 as const,
      severitySource: 'unknown' as const,
      references: [],
      evidence: [],
    }));
    for (const report of reportFormats) {
      const text = report.write(
        {
          sbom,
          findings,
          suppressed: [],
          db: { path: '/nonexistent', updatedAt: '2026-01-01T00:00:00Z' },
          scannedAt: '2026-01-01T00:00:00Z',
        },
        // The template report renders the user's template; this one walks every finding.
        { deterministic: true, template: '{{#each findings}}{{package.name}} {{id}}\n{{/each}}' },
      );
      assert.ok(text.length > 0, report.name);
    }
  });
}
