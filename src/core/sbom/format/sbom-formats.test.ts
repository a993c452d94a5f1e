import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import type { Sbom } from '../model.js';
import { encodeSbom, sbomFormats } from './sbom-formats.js';
import { spdxLicenseIds } from './spdx-license-ids.js';
import { toolInfo } from './tool-info.js';

const sample = JSON.parse(
  readFileSync(new URL('testdata/debian-sample.sbom.json', import.meta.url), 'utf8'),
) as Sbom;

describe('sbomFormats registry', () => {
  it('lists each format once under the names the CLI offers', () => {
    assert.deepEqual(
      sbomFormats.map((f) => f.name),
      ['cyclonedx', 'cyclonedx-xml', 'spdx-json', 'spdx', 'json', 'table'],
    );
  });

  it('rejects an unknown name with a USAGE error that lists the valid names', () => {
    assert.throws(
      () => encodeSbom('xml', sample),
      (err: unknown) =>
        isBulwarkError(err, 'USAGE') &&
        /cyclonedx, cyclonedx-xml, spdx-json, spdx, json, table/.test(err.message) &&
        /"xml"/.test(err.message),
    );
  });

  it('every format encodes the sample', () => {
    for (const f of sbomFormats) assert.ok(encodeSbom(f.name, sample).includes('libc6'), f.name);
  });

  it('the tool version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(toolInfo.version, pkg.version);
  });

  it('the SPDX id list matches the license list enumerated by the CycloneDX schema', () => {
    const schema = JSON.parse(
      readFileSync(
        new URL(
          '../../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { enum: string[] };
    assert.deepEqual([...spdxLicenseIds], schema.enum);
  });
});
