import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importedStore } from '../../../test-support/imported-store.js';
import { languageMatcherCases } from '../../../test-support/language-matcher-cases.js';
import { decodeSbom } from '../../sbom/format/decode.js';
import { explainVulnerability } from '../../scan/explain.js';
import { matchSbom } from '../match-sbom.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

languageMatcherCases({
  matcher: 'k8s/kubernetes',
  type: 'k8s',
  testdata,
  ecosystem: 'Kubernetes',
  comparator: 'go',
  name: 'k8s.io/kubelet',
  vulnerable: '1.29.3',
  fixed: '1.29.4',
  cve: 'CVE-0000-60001',
  withdrawnCve: 'CVE-0000-60002',
});

/**
 * A KBOM as Trivy writes one for a cluster (CycloneDX, each component a `pkg:k8s` purl
 * whose name is the Go module path), written by hand in that shape: the node's kubelet,
 * the control plane's apiserver, and a bare `kubelet` name with a `v` version.
 */
function kbom(components: { name: string; version: string; purl: string }[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'platform', name: 'k8s.io/kubernetes', version: '1.29.3' } },
    components: components.map((c) => ({ type: 'application', ...c })),
  });
}

describe('k8s/kubernetes: a KBOM in, Kubernetes findings out', () => {
  const store = importedStore([testdata]);

  it('the kubelet of a vulnerable node is a finding; the apiserver (no record) is not', () => {
    const sbom = decodeSbom(
      kbom([
        { name: 'k8s.io/kubelet', version: '1.29.3', purl: 'pkg:k8s/k8s.io%2Fkubelet@1.29.3' },
        { name: 'k8s.io/apiserver', version: '1.29.3', purl: 'pkg:k8s/k8s.io%2Fapiserver@1.29.3' },
      ]),
      'kbom.cdx.json',
    );
    assert.deepEqual(
      sbom.packages.map((p) => [p.type, p.name, p.version]),
      [
        ['k8s', 'k8s.io/kubelet', '1.29.3'],
        ['k8s', 'k8s.io/apiserver', '1.29.3'],
      ],
    );
    const found = matchSbom(sbom, store());
    assert.deepEqual(
      found.map((f) => [f.id, f.evidence[0]?.ecosystem]),
      [['CVE-0000-60001', 'Kubernetes']],
    );
    const explained = explainVulnerability(sbom, store(), 'CVE-0000-60001');
    assert.equal(
      explained.evaluations.some((e) => e.status === 'affected'),
      true,
    );
  });

  it('a bare component name is the k8s.io module; a `v` version is the same version', () => {
    const sbom = decodeSbom(
      kbom([{ name: 'kubelet', version: 'v1.29.3', purl: 'pkg:k8s/kubelet@v1.29.3' }]),
      'kbom.cdx.json',
    );
    assert.deepEqual(
      matchSbom(sbom, store()).map((f) => f.id),
      ['CVE-0000-60001'],
    );
  });

  it('a kubelet before the affected series (introduced 1.29.0) is not a finding', () => {
    const sbom = decodeSbom(
      kbom([{ name: 'k8s.io/kubelet', version: '1.28.9', purl: 'pkg:k8s/k8s.io%2Fkubelet@1.28.9' }]),
      'kbom.cdx.json',
    );
    assert.deepEqual(matchSbom(sbom, store()), []);
  });
});
