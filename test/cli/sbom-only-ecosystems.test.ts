import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importAdvisories } from '../../src/core/advisory/import.js';
import { runCli } from '../../src/test-support/run-cli.js';

// Package types that reach Bulwark only in an SBOM (a KBOM's Kubernetes components,
// Hackage packages with the GHC compiler, Bioconductor packages), through the built CLI,
// against the matchers' test records (shape-only OSV records, see their READMEs).
const matcherData = (name: string) => join(import.meta.dirname, '../../src/core/matcher', name, 'testdata');
let work: string;
let db: string;

const components = [
  { type: 'application', name: 'k8s.io/kubelet', version: '1.29.3', purl: 'pkg:k8s/k8s.io%2Fkubelet@1.29.3' },
  {
    type: 'application',
    name: 'k8s.io/apiserver',
    version: '1.29.3',
    purl: 'pkg:k8s/k8s.io%2Fapiserver@1.29.3',
  },
  { type: 'library', name: 'ghc', version: '9.2.2', purl: 'pkg:hackage/ghc@9.2.2' },
  { type: 'library', name: 'aeson', version: '2.0.3.0', purl: 'pkg:hackage/aeson@2.0.3.0' },
  { type: 'library', name: 'Rsamtools', version: '2.10.0', purl: 'pkg:bioconductor/Rsamtools@2.10.0' },
];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-sbom-only-'));
  db = join(work, 'vuln.db');
  await importAdvisories(db, [
    matcherData('kubernetes'),
    matcherData('hackage'),
    matcherData('bioconductor'),
  ]);
  await writeFile(
    join(work, 'kbom.cdx.json'),
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      metadata: { component: { type: 'platform', name: 'k8s.io/kubernetes', version: '1.29.3' } },
      components,
    }),
  );
  await writeFile(
    join(work, 'kbom.spdx.json'),
    JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'cluster',
      documentNamespace: 'https://example.invalid/cluster',
      creationInfo: { created: '2024-06-01T00:00:00Z', creators: ['Tool: hand-written'] },
      packages: components.map((c, i) => ({
        SPDXID: `SPDXRef-Package-${i}`,
        name: c.name,
        versionInfo: c.version,
        downloadLocation: 'NOASSERTION',
        externalRefs: [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
        ],
      })),
    }),
  );
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

for (const file of ['kbom.cdx.json', 'kbom.spdx.json']) {
  test(`scan sbom ${file}: kubelet, the GHC compiler and Rsamtools are findings; fixed aeson and apiserver are not`, async () => {
    const r = await runCli(['scan', 'sbom', join(work, file), '--db', db, '--exit-code', '1']);
    assert.equal(r.code, 1, r.stderr);
    for (const id of ['CVE-0000-60001', 'CVE-0000-70003', 'CVE-0000-80001'])
      assert.match(r.stdout, new RegExp(id));
    assert.doesNotMatch(r.stdout, /CVE-0000-70001/); // aeson 2.0.3.0 is the fixed version
    assert.match(r.stdout, /Total: 3 /);
  });
}

test('explain through the CLI names the Kubernetes ecosystem and the Go comparator', async () => {
  const r = await runCli(['explain', '--db', db, 'CVE-0000-60001', join(work, 'kbom.cdx.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /k8s\.io\/kubelet 1\.29\.3: AFFECTED/);
  assert.match(r.stdout, /ecosystem: +Kubernetes, compared with go/);
});
