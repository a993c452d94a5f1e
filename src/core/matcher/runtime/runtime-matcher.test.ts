import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importedStore } from '../../../test-support/imported-store.js';
import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';
import { testSbom } from '../../../test-support/test-sbom.js';
import type { Package, Sbom } from '../../sbom/model.js';
import { explainVulnerability } from '../../scan/explain.js';
import { findMissingData } from '../coverage.js';
import { matchSbom } from '../match-sbom.js';
import { bitnamiVersion, runtimeMatcher } from './runtime-matcher.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

languageMatcherCases({
  matcher: 'runtime/bitnami',
  type: 'generic',
  testdata,
  ecosystem: 'Bitnami',
  comparator: 'semver',
  name: 'node',
  vulnerable: '18.14.0',
  fixed: '18.14.1',
  cve: 'CVE-2023-23918',
  withdrawnCve: 'CVE-0000-10002',
});

function sbom(...packages: [string, string][]): Sbom {
  return testSbom(
    packages.map(
      ([name, version]): Package => ({ type: 'generic', name, version, location: { path: 'opt/x' } }),
    ),
  );
}

describe('runtime/bitnami: the JDK and names Bitnami does not use', () => {
  const store = importedStore([testdata]);

  it('JDK versions in Bitnami spelling', () => {
    const table: [string, string, string][] = [
      ['openjdk', '1.8.0_362', '8.0.362'],
      ['openjdk', '17.0.6', '17.0.6'],
      ['openjdk', '21', '21.0.0'],
      ['openjdk', '17.0.6+10', '17.0.6'],
      ['python', '3.13.0rc2', '3.13.0-rc.2'],
      ['node', '20.20.2', '20.20.2'],
    ];
    for (const [name, version, want] of table) assert.equal(bitnamiVersion(name, version), want, version);
  });

  it('openjdk from a release file is matched as Bitnami `java`; explain names the range', () => {
    assert.deepEqual(
      matchSbom(sbom(['openjdk', '1.8.0_362']), store()).map((f) => f.id),
      ['CVE-2023-21968'],
    );
    assert.deepEqual(matchSbom(sbom(['openjdk', '17.0.7']), store()), []);
    const explained = explainVulnerability(sbom(['openjdk', '17.0.6']), store(), 'CVE-2023-21968');
    assert.equal(
      explained.evaluations.some((e) => e.status === 'affected'),
      true,
    );
  });

  it('other generic packages are not looked up, and not counted as unchecked', () => {
    assert.deepEqual(
      runtimeMatcher.targets(sbom(['busybox', '1.36.1']).packages[0] as Package, undefined),
      [],
    );
    const inventory = { hasEcosystem: () => false, families: new Set(['npm']), recordCount: 5 };
    const gaps = findMissingData(sbom(['busybox', '1.36.1'], ['python', '3.12.1']), inventory);
    assert.deepEqual(
      gaps.map((g) => [g.ecosystem, g.packages, g.reason]),
      [['Bitnami', 1, 'no-data-for-ecosystem']],
    );
  });
});
