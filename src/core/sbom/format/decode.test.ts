import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import type { Package, Sbom } from '../model.js';
import { decodeSbom } from './decode.js';
import { encodeSbom } from './sbom-formats.js';

const dir = new URL('testdata/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const sample = JSON.parse(read('debian-sample.sbom.json')) as Sbom;

/**
 * The fields matching depends on, in a comparable order. A deb with no source is its
 * own source, which is how purl-only formats (SPDX) bring it back.
 */
function matchView(pkgs: Package[]) {
  return pkgs
    .map((p) => ({
      ...p,
      source: p.source ?? (p.type === 'deb' ? { name: p.name, version: p.version } : undefined),
    }))
    .map((p) => ({
      type: p.type,
      name: p.name,
      version: p.version,
      arch: p.arch,
      epoch: p.epoch,
      source: p.source,
      purl: p.purl,
      path: p.location.path,
      layer: p.location.layer
        ? { index: p.location.layer.index, diffID: p.location.layer.diffID }
        : undefined,
    }))
    .sort((a, b) => `${a.type}/${a.name}/${a.path}`.localeCompare(`${b.type}/${b.name}/${b.path}`));
}

describe('decodeSbom round-trips our own encodings', () => {
  for (const format of ['cyclonedx', 'spdx-json', 'json']) {
    it(format, () => {
      const back = decodeSbom(encodeSbom(format, sample), `sample.${format}`);
      assert.deepEqual(matchView(back.packages), matchView(sample.packages));
      assert.equal(back.os?.family, 'debian');
      assert.equal(back.os?.version, '12');
      assert.equal(back.image.ref, sample.image.ref);
      assert.equal(back.image.imageId, sample.image.imageId);
      assert.deepEqual(
        back.layers.map((l) => l.diffID),
        sample.layers.map((l) => l.diffID),
      );
    });
  }

  it('cyclonedx keeps everything else too: licenses, dev, namespace, image facts, codename', () => {
    const back = decodeSbom(encodeSbom('cyclonedx', sample), 'x.json');
    const byName = new Map(back.packages.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('bsdutils')?.licenses, ['GPL-2+', 'BSD-4-Clause', 'public-domain']);
    assert.equal(byName.get('@babel/traverse')?.dev, true);
    assert.equal(byName.get('org.apache.logging.log4j:log4j-core')?.namespace, 'org.apache.logging.log4j');
    assert.deepEqual(back.image.repoDigests, sample.image.repoDigests);
    assert.equal(back.image.kind, 'docker-archive');
    assert.equal(back.os?.codename, 'bookworm');
    assert.deepEqual(
      back.layers.map((l) => l.digest),
      sample.layers.map((l) => l.digest),
    );
  });

  it('spdx maps LicenseRefs back to the license names', () => {
    const back = decodeSbom(encodeSbom('spdx-json', sample), 'x.spdx.json');
    assert.deepEqual(back.packages.find((p) => p.name === 'libc6')?.licenses, ['GPL-2', 'LGPL-2.1']);
  });
});

describe('decodeSbom reads other tools’ documents', () => {
  it('Syft CycloneDX: packages from purls, layer and path from syft: properties', () => {
    const sbom = decodeSbom(read('syft-debian.cdx.json'), 'syft.json');
    assert.deepEqual(sbom.os, {
      family: 'debian',
      version: '12',
      name: 'Debian GNU/Linux 12 (bookworm)',
      codename: 'bookworm',
    });
    assert.equal(sbom.image.ref, 'debian:12');
    const libc = sbom.packages.find((p) => p.name === 'libc6');
    assert.deepEqual(
      {
        type: libc?.type,
        version: libc?.version,
        arch: libc?.arch,
        source: libc?.source,
        path: libc?.location.path,
      },
      {
        type: 'deb',
        version: '2.36-9+deb12u4',
        arch: 'amd64',
        source: { name: 'glibc', version: '2.36-9+deb12u4' },
        path: 'var/lib/dpkg/status',
      },
    );
    assert.equal(
      libc?.location.layer?.diffID,
      'sha256:7cea17427f83f6c4706c74f94fb6d7925b06ea9a0701234f1a9d43f6af11432a',
    );
    assert.deepEqual(libc?.licenses, ['GPL-2.0-only', 'LGPL-2.1+']);
    const bsd = sbom.packages.find((p) => p.name === 'bsdutils');
    assert.deepEqual(bsd?.source, { name: 'util-linux', version: '2.38.1-5' });
    const log4j = sbom.packages.find((p) => p.type === 'maven');
    assert.equal(log4j?.name, 'org.apache.logging.log4j:log4j-core');
    assert.equal(log4j?.location.path, 'srv/app/lib/log4j-core-2.14.1.jar');
    assert.equal(sbom.packages.find((p) => p.type === 'npm')?.name, '@babel/core');
    assert.equal(sbom.packages.length, 4);
  });

  it('Trivy CycloneDX: aquasecurity:trivy: properties, layer index from the image DiffIDs', () => {
    const sbom = decodeSbom(read('trivy-alpine.cdx.json'), 'trivy.json');
    assert.equal(sbom.os?.family, 'alpine');
    assert.equal(sbom.os?.version, '3.15.0');
    assert.equal(
      sbom.image.imageId,
      'sha256:c059bfaa849c4d8e4aecaeb3a10c2d9b3d85f5165c66ad3a4d937758128c4d18',
    );
    assert.deepEqual(sbom.image.repoTags, ['alpine:3.15']);
    const utils = sbom.packages.find((p) => p.name === 'libc-utils');
    assert.deepEqual(utils?.source, { name: 'libc-dev', version: '0.7.2-r3' });
    assert.equal(utils?.type, 'apk');
    assert.equal(utils?.arch, 'x86_64');
    assert.equal(utils?.location.layer?.index, 0);
    assert.deepEqual(sbom.packages.find((p) => p.name === 'zlib')?.licenses, ['Zlib']);
  });

  it('Trivy SPDX: OS package, source from sourceInfo, layer from attributionTexts', () => {
    const sbom = decodeSbom(read('trivy-alpine.spdx.json'), 'trivy.spdx.json');
    assert.equal(sbom.os?.family, 'alpine');
    assert.equal(sbom.os?.version, '3.15.11');
    assert.equal(sbom.image.ref, 'alpine:3.15');
    assert.equal(sbom.packages.length, 1);
    const utils = sbom.packages[0];
    assert.deepEqual(utils?.source, { name: 'libc-dev', version: '0.7.2-r3' });
    assert.deepEqual(utils?.licenses, ['BSD-2-Clause', 'BSD-3-Clause']);
    assert.equal(
      utils?.location.layer?.diffID,
      'sha256:8d3ac3489996423f53d6087c81180006263b79f206d3fdec9e66f0e27ceb8759',
    );
  });

  it('rpm epochs come back from purl qualifiers', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      components: [
        {
          type: 'library',
          name: 'openssl-libs',
          version: '1.1.1k-9.el8_7',
          purl: 'pkg:rpm/redhat/openssl-libs@1.1.1k-9.el8_7?arch=x86_64&epoch=1&distro=rhel-8.8&upstream=openssl-1.1.1k-9.el8_7.src.rpm',
        },
      ],
    };
    const sbom = decodeSbom(JSON.stringify(doc), 'rpm.json');
    const p = sbom.packages[0];
    assert.equal(p?.version, '1:1.1.1k-9.el8_7');
    assert.equal(p?.epoch, 1);
    assert.deepEqual(p?.source, { name: 'openssl', version: '1:1.1.1k-9.el8_7' });
    assert.deepEqual(sbom.os, { family: 'rhel', version: '8.8', name: '' });
  });
});

describe('decodeSbom rejects bad input with one INPUT_INVALID line naming the file', () => {
  const table: [string, string, RegExp][] = [
    ['not JSON', '{"bomFormat": ', /not valid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['something else', '{"hello": 1}', /not a CycloneDX, SPDX or Bulwark SBOM/],
    ['old CycloneDX', '{"bomFormat":"CycloneDX","specVersion":"1.2","components":[]}', /1\.4 or later/],
    ['SPDX 3', '{"spdxVersion":"SPDX-3.0"}', /SPDX-2\.2 or SPDX-2\.3/],
    ['broken Bulwark SBOM', '{"bomFormat":"bulwark-sbom","schemaVersion":1,"packages":[{}]}', /malformed/],
  ];
  for (const [name, text, pattern] of table) {
    it(name, () => {
      assert.throws(
        () => decodeSbom(text, 'in/bad.json'),
        (err: unknown) =>
          isBulwarkError(err, 'INPUT_INVALID') &&
          err.message.startsWith('in/bad.json: ') &&
          pattern.test(err.message) &&
          !err.message.includes('\n'),
      );
    });
  }
});
