import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validators for the official JSON schemas, shared by the SBOM and report tests.
 * CycloneDX 1.6 comes from @cyclonedx/cyclonedx-library's res/schema (a devDependency);
 * SPDX 2.3 is vendored beside this file (see README.md).
 */
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  // Formats the CycloneDX schema names that ajv-formats does not implement.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  return ajv;
}

export function cycloneDxValidator(): ValidateFunction {
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const ajv = newAjv();
  // bom-1.6 refers to its neighbours by file name, resolved against its own $id.
  ajv.addSchema({ ...readJson(join(dir, 'spdx.SNAPSHOT.schema.json')), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
  ajv.addSchema({ ...readJson(join(dir, 'jsf-0.82.SNAPSHOT.schema.json')), $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
  return ajv.compile(readJson(join(dir, 'bom-1.6.SNAPSHOT.schema.json')));
}

export function spdxValidator(): ValidateFunction {
  return newAjv().compile(readJson(join(here, 'spdx-schema-2.3.json')));
}

/** SARIF 2.1.0 (vendored in src/core/report/testdata): a draft-04 schema, so its `id` becomes `$id`. */
export function sarifValidator(): ValidateFunction {
  const text = readFileSync(join(here, '..', '..', '..', 'report', 'testdata', 'sarif-schema-2.1.0.json'), 'utf8');
  const { $schema: _draft04, id, ...rest } = JSON.parse(text) as { $schema: string; id: string };
  return newAjv().compile({ $id: id, ...rest });
}

export function errorsText(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('\n');
}
