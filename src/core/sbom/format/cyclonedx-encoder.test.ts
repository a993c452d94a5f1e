import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertGolden, blank } from '../../../test-support/golden.js';
import type { Sbom } from '../model.js';
import { buildCycloneDx, cdxLicenses, cyclonedx } from './cyclonedx-encoder.js';
import type { CdxBom, CdxComponent } from './cyclonedx-types.js';
import { decodeSbom } from './decode.js';
import { cycloneDxValidator, errorsText } from './testdata/schema-validators.js';

const dir = new URL('testdata/', import.meta.url);
const sample = JSON.parse(readFileSync(new URL('debian-sample.sbom.json', dir), 'utf8')) as Sbom;
const validate = cycloneDxValidator();

function encode(s: Sbom = sample): CdxBom {
  return JSON.parse(cyclonedx.encode(s, { deterministic: true })) as CdxBom;
}

function prop(c: CdxComponent | undefined, name: string): string[] {
  return (c?.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
}

describe('CycloneDX 1.6 encoder', () => {
  it('validates against the official CycloneDX 1.6 JSON schema', () => {
    const ok = validate(encode());
    assert.ok(ok, errorsText(validate));
  });

  it('still validates with no OS, no packages and no repo digests', () => {
    const bare: Sbom = {
      ...sample,
      os: undefined,
      packages: [],
      image: { ...sample.image, repoDigests: [] },
    };
    delete bare.os;
    const bom = encode(bare);
    assert.ok(validate(bom), errorsText(validate));
    assert.equal(bom.metadata.component.purl, undefined);
  });

  it('matches the golden file (timestamp blanked)', () => {
    const text = `${JSON.stringify(blank(encode(), ['metadata.timestamp']), null, 2)}\n`;
    assertGolden(new URL('debian-sample.cdx.expected.json', dir).pathname, text);
  });

  it('is deterministic on request and random otherwise', () => {
    assert.equal(encode().serialNumber, encode().serialNumber);
    const a = JSON.parse(cyclonedx.encode(sample)) as CdxBom;
    const b = JSON.parse(cyclonedx.encode(sample)) as CdxBom;
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.match(
      a.serialNumber,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('describes the image as a container with an oci purl and its tags', () => {
    const image = encode().metadata.component;
    assert.equal(image.type, 'container');
    assert.equal(image.name, 'ghcr.io/acme/shop-api:1.4.2');
    assert.equal(image.version, sample.image.imageId);
    assert.match(
      image.purl ?? '',
      /^pkg:oci\/shop-api@sha256:9c4b.*repository_url=ghcr.io%2Facme%2Fshop-api/,
    );
    assert.deepEqual(prop(image, 'bulwark:image:repoTag'), ['ghcr.io/acme/shop-api:1.4.2']);
    assert.deepEqual(
      prop(image, 'bulwark:layer:diffID'),
      sample.layers.map((l) => l.diffID),
    );
  });

  it('gives every component a unique bom-ref, even two copies of one purl', () => {
    const first = sample.packages.find((p) => p.name === 'express');
    assert.ok(first);
    const copy = {
      ...first,
      location: { ...first.location, path: 'srv/other/node_modules/express/package.json' },
    };
    const built = buildCycloneDx(
      { ...sample, packages: [...sample.packages, copy] },
      { deterministic: true },
    );
    const refs = built.bom.components.map((c) => c['bom-ref']);
    assert.equal(new Set(refs).size, refs.length);
    assert.notEqual(built.refFor(first), built.refFor(copy));
    assert.ok(validate(built.bom), errorsText(validate));
  });

  it('writes package facts as bulwark: properties and maven groups as group', () => {
    const comps = encode().components;
    const bsd = comps.find((c) => c.name === 'bsdutils');
    assert.deepEqual(prop(bsd, 'bulwark:package:sourceName'), ['util-linux']);
    assert.deepEqual(prop(bsd, 'bulwark:package:sourceVersion'), ['2.38.1-5']);
    assert.deepEqual(prop(bsd, 'bulwark:layer:index'), ['0']);
    assert.deepEqual(prop(bsd, 'bulwark:location:path'), ['var/lib/dpkg/status']);
    const log4j = comps.find((c) => c.name === 'log4j-core');
    assert.equal(log4j?.group, 'org.apache.logging.log4j');
    assert.deepEqual(prop(log4j, 'bulwark:package:name'), ['org.apache.logging.log4j:log4j-core']);
    const traverse = comps.find((c) => c.name === '@babel/traverse');
    assert.deepEqual(prop(traverse, 'bulwark:package:dev'), ['true']);
  });

  it('hangs OS packages under the OS component and the rest under the image', () => {
    const bom = encode();
    const os = bom.components.find((c) => c.type === 'operating-system');
    assert.equal(os?.name, 'debian');
    assert.equal(os?.version, '12');
    const byRef = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    const osDeps = byRef.get(os?.['bom-ref'] ?? '') ?? [];
    const imageDeps = byRef.get(bom.metadata.component['bom-ref']) ?? [];
    assert.equal(osDeps.length, 6);
    assert.ok(osDeps.every((r) => r.startsWith('pkg:deb/')));
    assert.deepEqual(imageDeps.length, 4);
    assert.ok(imageDeps.includes(os?.['bom-ref'] ?? ''));
  });
});

describe('cdxLicenses', () => {
  const table: [string[], ReturnType<typeof cdxLicenses>][] = [
    [['MIT'], [{ license: { id: 'MIT' } }]],
    [['MIT OR Apache-2.0'], [{ expression: 'MIT OR Apache-2.0' }]],
    [
      ['GPL-2+', 'Zlib'],
      [{ license: { name: 'GPL-2+' } }, { license: { id: 'Zlib' } }],
    ],
    // An expression beside other licenses cannot stay an expression: CycloneDX forbids mixing.
    [
      ['MIT OR Apache-2.0', 'Zlib'],
      [{ license: { name: 'MIT OR Apache-2.0' } }, { license: { id: 'Zlib' } }],
    ],
    [[], undefined],
  ];
  for (const [input, want] of table)
    it(JSON.stringify(input), () => assert.deepEqual(cdxLicenses(input), want));

  it('lists every file a package was found in as evidence, and reads them back', () => {
    const [first, ...rest] = sample.packages;
    assert.ok(first);
    const pkg = {
      ...first,
      otherLocations: [{ path: 'srv/app/package-lock.json' }, { path: 'srv/app/yarn.lock' }],
    };
    const withEvidence: Sbom = { ...sample, packages: [pkg, ...rest] };
    const bom = encode(withEvidence);
    assert.ok(validate(bom), errorsText(validate));
    const c = bom.components.find((x) => x.evidence);
    assert.deepEqual(
      c?.evidence?.occurrences.map((o) => o.location),
      [first.location.path, 'srv/app/package-lock.json', 'srv/app/yarn.lock'],
    );
    const back = decodeSbom(cyclonedx.encode(withEvidence), 'x.cdx.json');
    const again = back.packages.find((p) => p.otherLocations);
    assert.deepEqual(
      again?.otherLocations?.map((l) => l.path),
      ['srv/app/package-lock.json', 'srv/app/yarn.lock'],
    );
  });
});
