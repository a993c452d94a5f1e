import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importedStore } from '../../../test-support/imported-store.js';
import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';
import { decodeSbom } from '../../sbom/format/decode.js';
import { explainVulnerability } from '../../scan/explain.js';
import { matchSbom } from '../match-sbom.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

// Data.Version order: 2.0.2.0 < 2.0.3.0.
languageMatcherCases({
  matcher: 'lang/hackage',
  type: 'hackage',
  testdata,
  ecosystem: 'Hackage',
  comparator: 'pvp',
  name: 'aeson',
  vulnerable: '2.0.2.0',
  fixed: '2.0.3.0',
  cve: 'CVE-0000-70001',
  withdrawnCve: 'CVE-0000-70002',
});

function sbomOf(purls: string[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    components: purls.map((purl) => {
      const at = purl.lastIndexOf('@');
      return {
        type: 'library',
        name: purl.slice(purl.lastIndexOf('/') + 1, at),
        version: purl.slice(at + 1),
        purl,
      };
    }),
  });
}

describe('lang/hackage: Hackage packages and the GHC compiler from an SBOM', () => {
  const store = importedStore([testdata]);

  it('pkg:hackage purls are Hackage packages; `ghc` is also the compiler (GHC ecosystem)', () => {
    const sbom = decodeSbom(sbomOf(['pkg:hackage/aeson@2.0.2.0', 'pkg:hackage/ghc@9.2.2']), 'bom.json');
    const found = matchSbom(sbom, store());
    assert.deepEqual(found.map((f) => [f.id, f.evidence[0]?.ecosystem, f.evidence[0]?.comparator]).sort(), [
      ['CVE-0000-70001', 'Hackage', 'pvp'],
      ['CVE-0000-70003', 'GHC', 'pvp'],
    ]);
    const explained = explainVulnerability(sbom, store(), 'CVE-0000-70003');
    assert.equal(
      explained.evaluations.some((e) => e.status === 'affected'),
      true,
    );
  });

  it('the fixed compiler is not a finding, and explain says so', () => {
    const sbom = decodeSbom(sbomOf(['pkg:hackage/ghc@9.2.3']), 'bom.json');
    assert.deepEqual(matchSbom(sbom, store()), []);
    const explained = explainVulnerability(sbom, store(), 'CVE-0000-70003');
    assert.equal(explained.evaluations[0]?.status, 'not-affected');
  });
});
