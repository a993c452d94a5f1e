import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';
import { importAdvisories } from '../../advisory/import.js';
import { AdvisoryStore } from '../../advisory/store.js';
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
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-hackage-'));
  let store: AdvisoryStore;
  before(async () => {
    await importAdvisories(join(dir, 'db.sqlite'), [testdata]);
    store = AdvisoryStore.open(join(dir, 'db.sqlite'));
  });
  after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pkg:hackage purls are Hackage packages; `ghc` is also the compiler (GHC ecosystem)', () => {
    const sbom = decodeSbom(sbomOf(['pkg:hackage/aeson@2.0.2.0', 'pkg:hackage/ghc@9.2.2']), 'bom.json');
    const found = matchSbom(sbom, store);
    assert.deepEqual(found.map((f) => [f.id, f.evidence[0]?.ecosystem, f.evidence[0]?.comparator]).sort(), [
      ['CVE-0000-70001', 'Hackage', 'pvp'],
      ['CVE-0000-70003', 'GHC', 'pvp'],
    ]);
    const explained = explainVulnerability(sbom, store, 'CVE-0000-70003');
    assert.equal(
      explained.evaluations.some((e) => e.status === 'affected'),
      true,
    );
  });

  it('the fixed compiler is not a finding, and explain says so', () => {
    const sbom = decodeSbom(sbomOf(['pkg:hackage/ghc@9.2.3']), 'bom.json');
    assert.deepEqual(matchSbom(sbom, store), []);
    const explained = explainVulnerability(sbom, store, 'CVE-0000-70003');
    assert.equal(explained.evaluations[0]?.status, 'not-affected');
  });
});
