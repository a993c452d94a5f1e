/**
 * The advisory → finding → explain test every thin language matcher runs, through a
 * real database built by `importAdvisories`: one vulnerable version, one fixed, a
 * withdrawn record. Test support: never shipped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchSbom } from '../core/matcher/match-sbom.js';
import { matcherFor } from '../core/matcher/matchers.js';
import type { PackageType, Sbom } from '../core/sbom/model.js';
import { explainVulnerability } from '../core/scan/explain.js';
import { importedStore } from './imported-store.js';
import { testSbom } from './test-sbom.js';

export interface LanguageMatcherCases {
  matcher: string;
  type: PackageType;
  testdata: string;
  ecosystem: string;
  comparator: string;
  name: string;
  vulnerable: string;
  fixed: string;
  cve: string;
  withdrawnCve: string;
}

function sbom(type: PackageType, name: string, version: string): Sbom {
  return testSbom([{ type, name, version, location: { path: 'app/lock' } }]);
}

export function languageMatcherCases(c: LanguageMatcherCases): void {
  describe(`${c.matcher}: advisory → finding → explain`, () => {
    const store = importedStore([c.testdata]);

    it('is the matcher for this package type on any OS', () => {
      assert.equal(matcherFor({ type: c.type }, undefined)?.name, c.matcher);
    });

    it('a vulnerable version is a finding, with the ecosystem and comparator that decided', () => {
      const found = matchSbom(sbom(c.type, c.name, c.vulnerable), store());
      assert.deepEqual(
        found.map((f) => f.id),
        [c.cve],
      );
      assert.equal(found[0]?.evidence[0]?.ecosystem, c.ecosystem);
      assert.equal(found[0]?.evidence[0]?.comparator, c.comparator);
    });

    it('the fixed version is not, and explain says why', () => {
      assert.deepEqual(matchSbom(sbom(c.type, c.name, c.fixed), store()), []);
      const explained = explainVulnerability(sbom(c.type, c.name, c.fixed), store(), c.cve);
      assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
      assert.equal(explained.evaluations[0]?.status, 'not-affected');
    });

    it('a withdrawn record never matches; explain shows it withdrawn', () => {
      const explained = explainVulnerability(sbom(c.type, c.name, c.vulnerable), store(), c.withdrawnCve);
      assert.equal(explained.evaluations[0]?.status, 'withdrawn');
      assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
    });
  });
}
