/**
 * Shared by the thin distro matchers' tests (test support: never shipped):
 * advisory → finding → explain through a real database built by `importAdvisories`,
 * for one vulnerable version, one fixed version, a withdrawn record and another release.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchSbom } from '../core/matcher/match-sbom.js';
import { matcherFor } from '../core/matcher/matchers.js';
import type { OSInfo, Package, Sbom } from '../core/sbom/model.js';
import { explainVulnerability } from '../core/scan/explain.js';
import { importedStore } from './imported-store.js';
import { testSbom } from './test-sbom.js';

interface Rpm {
  name: string;
  version: string;
  source: string;
}

export interface DistroMatcherCases {
  matcher: string;
  testdata: string;
  os: OSInfo;
  ecosystem: string;
  vulnerable: Rpm;
  fixed: Rpm;
  cve: string;
  withdrawnCve: string;
  otherRelease: OSInfo;
  /** The distro's package type and comparator; rpm unless said (apk for MinimOS, deb for Echo). */
  packageType?: 'rpm' | 'apk' | 'deb';
}

const databaseOf = {
  rpm: 'var/lib/rpm/rpmdb.sqlite',
  apk: 'lib/apk/db/installed',
  deb: 'var/lib/dpkg/status',
};

function sbom(os: OSInfo, rpm: Rpm, type: 'rpm' | 'apk' | 'deb' = 'rpm'): Sbom {
  const pkg: Package = {
    type,
    name: rpm.name,
    version: rpm.version,
    source: { name: rpm.source },
    location: { path: databaseOf[type] },
  };
  return testSbom([pkg], os);
}

export function distroMatcherCases(c: DistroMatcherCases): void {
  const type = c.packageType ?? 'rpm';
  describe(`${c.matcher}: advisory → finding → explain`, () => {
    const store = importedStore([c.testdata]);

    it(`is the matcher for an ${type} package on this OS`, () => {
      assert.equal(matcherFor({ type }, c.os.family)?.name, c.matcher);
    });

    it('a vulnerable version is a finding, with the ecosystem and comparator that decided', () => {
      const [finding, ...rest] = matchSbom(sbom(c.os, c.vulnerable, type), store());
      assert.equal(rest.length, 0);
      assert.equal(finding?.id, c.cve);
      assert.equal(finding?.evidence[0]?.ecosystem, c.ecosystem);
      assert.equal(finding?.evidence[0]?.comparator, type);
    });

    it('the fixed version is not, and explain says why', () => {
      assert.deepEqual(matchSbom(sbom(c.os, c.fixed, type), store()), []);
      const explained = explainVulnerability(sbom(c.os, c.fixed, type), store(), c.cve);
      assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
      assert.equal(explained.evaluations[0]?.status, 'not-affected');
    });

    it('a withdrawn record never matches; explain shows it withdrawn', () => {
      const explained = explainVulnerability(sbom(c.os, c.vulnerable, type), store(), c.withdrawnCve);
      assert.equal(explained.evaluations[0]?.status, 'withdrawn');
      assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
    });

    it("another release's packages are not matched against this release", () => {
      assert.deepEqual(matchSbom(sbom(c.otherRelease, c.vulnerable, type), store()), []);
    });
  });
}
