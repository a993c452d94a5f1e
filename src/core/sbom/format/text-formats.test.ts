import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { Sbom } from '../model.js';
import { buildCycloneDx } from './cyclonedx-encoder.js';
import { cyclonedxXml } from './cyclonedx-xml-encoder.js';
import { buildSpdx } from './spdx-encoder.js';
import { spdxTv } from './spdx-tag-value-encoder.js';

const sample = JSON.parse(
  readFileSync(new URL('testdata/debian-sample.sbom.json', import.meta.url), 'utf8'),
) as Sbom;
const fixed = { deterministic: true, timestamp: '2024-06-01T00:00:00Z' };

/** The official CycloneDX 1.6 XSD, as the CycloneDX library ships it (with its spdx.xsd import). */
const xsd = join(
  dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res/schema/bom-1.6.SNAPSHOT.xsd',
);

describe('CycloneDX XML', () => {
  it('validates against the official 1.6 XSD (xmllint), hostile text included', () => {
    const hostile: Sbom = {
      ...sample,
      packages: [
        ...sample.packages,
        {
          type: 'npm',
          name: 'evil<&>"\'',
          version: '1.0.0\u0001',
          licenses: ['MIT', 'Custom <b>licence</b>'],
          location: { path: 'app/node_modules/evil/package.json' },
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cdx-xml-'));
    try {
      const file = join(dir, 'bom.xml');
      writeFileSync(file, cyclonedxXml.encode(hostile, fixed));
      execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds the same components, purls and properties as the JSON', () => {
    const xml = cyclonedxXml.encode(sample, fixed);
    const { bom } = buildCycloneDx(sample, fixed);
    for (const c of bom.components) {
      assert.ok(xml.includes(`bom-ref="${c['bom-ref'].replace(/&/g, '&amp;')}"`), c['bom-ref']);
      for (const p of c.properties ?? []) assert.ok(xml.includes(`<property name="${p.name}">`), p.name);
    }
    assert.equal((xml.match(/<component /g) ?? []).length, bom.components.length + 2, 'plus tool and image');
  });
});

describe('SPDX tag-value', () => {
  it('carries every package, reference and relationship of the SPDX JSON document', () => {
    const tv = spdxTv.encode(sample, fixed);
    const doc = buildSpdx(sample, fixed);
    assert.match(tv, /^SPDXVersion: SPDX-2\.3\nDataLicense: CC0-1\.0\nSPDXID: SPDXRef-DOCUMENT\n/);
    assert.ok(tv.includes(`DocumentNamespace: ${doc.documentNamespace}\n`));
    for (const p of doc.packages) {
      assert.ok(tv.includes(`\nSPDXID: ${p.SPDXID}\n`), p.SPDXID);
      for (const ref of p.externalRefs ?? [])
        assert.ok(tv.includes(`${ref.referenceType} ${ref.referenceLocator}\n`));
    }
    for (const r of doc.relationships)
      assert.ok(
        tv.includes(`Relationship: ${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}\n`),
      );
    // Every line is a `Tag: value` pair, a section comment, a blank line or inside a <text> block.
    const outside = tv.replace(/<text>[\s\S]*?<\/text>/g, 'TEXT');
    for (const line of outside.split('\n'))
      assert.match(line, /^(|#####.*|[A-Za-z]+: .+)$/, `not a tag-value line: ${line}`);
  });
});
