import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSbom } from './decode.js';
import { chooseSpdxVersion } from './spdx-version.js';

function spdxPackage(id: string, name: string, versionInfo: string, purl: string) {
  return {
    SPDXID: id,
    name,
    versionInfo,
    downloadLocation: 'NONE',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }],
  };
}

// The shape Trivy writes for a CentOS 7 image: versionInfo without the rpm epoch, the
// epoch only in the purl's qualifier; plus a package whose versionInfo names another release.
const doc = {
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'centos:7',
  documentNamespace: 'http://example.invalid/centos-7',
  creationInfo: { creators: ['Tool: trivy-0.50.0'], created: '2024-01-01T00:00:00Z' },
  packages: [
    spdxPackage(
      'SPDXRef-Package-1',
      'openssl-libs',
      '1.0.2k-19.el7',
      'pkg:rpm/centos/openssl-libs@1.0.2k-19.el7?arch=x86_64&epoch=1&distro=centos-7',
    ),
    spdxPackage(
      'SPDXRef-Package-2',
      'bash',
      '4.2.46-33.el7',
      'pkg:rpm/centos/bash@4.2.46-33.el7?arch=x86_64&distro=centos-7',
    ),
    spdxPackage(
      'SPDXRef-Package-3',
      'zlib',
      '1.2.7-17.el7',
      'pkg:rpm/centos/zlib@1.2.7-18.el7?arch=x86_64&distro=centos-7',
    ),
  ],
};

describe('SPDX versionInfo against the purl', () => {
  const sbom = decodeSbom(JSON.stringify(doc), 'centos.spdx.json');

  it('the purl wins: epoch restored, the release the purl names', () => {
    assert.deepEqual(
      sbom.packages.map((p) => `${p.name} ${p.version}`),
      ['openssl-libs 1:1.0.2k-19.el7', 'bash 4.2.46-33.el7', 'zlib 1.2.7-18.el7'],
    );
  });

  it('the SBOM says which was used for each disagreement, and only for those', () => {
    assert.deepEqual(
      sbom.unknowns.map((u) => [u.path, u.analyzer, u.reason]),
      [
        [
          'SPDXRef-Package-1',
          'sbom/spdx',
          'versionInfo "1.0.2k-19.el7" differs from the purl\'s version "1:1.0.2k-19.el7"; the purl\'s version was used',
        ],
        [
          'SPDXRef-Package-3',
          'sbom/spdx',
          'versionInfo "1.2.7-17.el7" differs from the purl\'s version "1.2.7-18.el7"; the purl\'s version was used',
        ],
      ],
    );
  });

  it('a purl without a version keeps versionInfo; no versionInfo keeps the purl', () => {
    assert.deepEqual(chooseSpdxVersion('', '2.0'), { version: '2.0' });
    assert.deepEqual(chooseSpdxVersion('2.0', undefined), { version: '2.0' });
  });
});
