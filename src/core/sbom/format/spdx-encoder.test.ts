import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertGolden, blank } from '../../../test-support/golden.js';
import type { Sbom } from '../model.js';
import { type SpdxDocument, spdxJson } from './spdx-encoder.js';
import { errorsText, spdxValidator } from './testdata/schema-validators.js';

const dir = new URL('testdata/', import.meta.url);
const sample = JSON.parse(readFileSync(new URL('debian-sample.sbom.json', dir), 'utf8')) as Sbom;
const validate = spdxValidator();

function encode(s: Sbom = sample): SpdxDocument {
  return JSON.parse(spdxJson.encode(s, { deterministic: true })) as SpdxDocument;
}

describe('SPDX 2.3 JSON encoder', () => {
  it('validates against the official SPDX 2.3 JSON schema', () => {
    assert.ok(validate(encode()), errorsText(validate));
  });

  it('matches the golden file (created blanked)', () => {
    const text = `${JSON.stringify(blank(encode(), ['creationInfo.created']), null, 2)}\n`;
    assertGolden(new URL('debian-sample.spdx.expected.json', dir).pathname, text);
  });

  it('has unique SPDXIDs, and every relationship points at a defined element', () => {
    const doc = encode();
    const ids = doc.packages.map((p) => p.SPDXID);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^SPDXRef-[A-Za-z0-9.-]+$/);
    const known = new Set([...ids, 'SPDXRef-DOCUMENT']);
    for (const r of doc.relationships) {
      assert.ok(known.has(r.spdxElementId), r.spdxElementId);
      assert.ok(known.has(r.relatedSpdxElement), r.relatedSpdxElement);
    }
    assert.equal(doc.relationships.filter((r) => r.relationshipType === 'DESCRIBES').length, 1);
    assert.equal(
      doc.relationships.filter((r) => r.relationshipType === 'CONTAINS').length,
      sample.packages.length + 1,
    );
  });

  it('defines every LicenseRef it uses, and no other', () => {
    const doc = encode();
    const used = new Set(
      doc.packages.flatMap((p) => p.licenseDeclared.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []),
    );
    const defined = new Set((doc.hasExtractedLicensingInfos ?? []).map((e) => e.licenseId));
    assert.ok(used.size > 0);
    assert.deepEqual([...used].sort(), [...defined].sort());
  });

  it('marks the image and OS packages by purpose and carries purls', () => {
    const doc = encode();
    assert.equal(doc.packages[0]?.primaryPackagePurpose, 'CONTAINER');
    assert.equal(doc.packages[1]?.primaryPackagePurpose, 'OPERATING_SYSTEM');
    const libc = doc.packages.find((p) => p.name === 'libc6');
    assert.equal(
      libc?.externalRefs?.[0]?.referenceLocator,
      'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12&upstream=glibc',
    );
    assert.equal(libc?.licenseDeclared, 'LicenseRef-GPL-2 AND LGPL-2.1');
    assert.match(libc?.sourceInfo ?? '', /^layer 0 \(sha256:7cea.*\) path var\/lib\/dpkg\/status$/);
    assert.match(doc.creationInfo.creators[0] ?? '', /^Tool: bulwark-\d+\.\d+\.\d+/);
    assert.equal(doc.documentNamespace, encode().documentNamespace);
  });
});
