import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { type Workspace, workspace } from './fixtures.js';

let ws: Workspace;
before(async () => {
  ws = await workspace('bulwark-sbom-formats-');
});
after(() => rm(ws.dir, { recursive: true, force: true }));

describe('bulwark sbom: CycloneDX XML and SPDX tag-value', () => {
  test('-f cyclonedx-xml', async () => {
    const result = await ws.cli(['sbom', '-f', 'CycloneDX-XML', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bom xmlns="http:\/\/cyclonedx\.org\/schema\/bom\/1\.6"/,
    );
    assert.match(result.stdout, /<purl>pkg:deb\/debian\/jq@1\.6-2\.1\?distro=debian-12<\/purl>/);
  });

  test('-f spdx (tag-value)', async () => {
    const result = await ws.cli(['sbom', '-f', 'spdx', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^SPDXVersion: SPDX-2\.3\n/);
    assert.match(result.stdout, /^PackageName: jq$/m);
    assert.match(
      result.stdout,
      /^ExternalRef: PACKAGE-MANAGER purl pkg:deb\/debian\/jq@1\.6-2\.1\?distro=debian-12$/m,
    );
  });
});
