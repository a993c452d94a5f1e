import { BulwarkError } from '../../errors.js';
import type { Sbom } from '../model.js';
import { bulwarkJson } from './bulwark-json-encoder.js';
import { cyclonedx } from './cyclonedx-encoder.js';
import { cyclonedxXml } from './cyclonedx-xml-encoder.js';
import type { EncodeOptions, SbomFormat } from './format-types.js';
import { spdxJson } from './spdx-encoder.js';
import { spdxTv } from './spdx-tag-value-encoder.js';
import { table } from './table-encoder.js';

/** Every SBOM output format, in one explicit list; the CLI's `--format` choices come from here. */
export const sbomFormats = [
  cyclonedx,
  cyclonedxXml,
  spdxJson,
  spdxTv,
  bulwarkJson,
  table,
] as const satisfies readonly SbomFormat[];

export const sbomFormatNames: readonly string[] = sbomFormats.map((f) => f.name);

export function findSbomFormat(name: string): SbomFormat {
  const format = sbomFormats.find((f) => f.name === name);
  if (!format) {
    throw new BulwarkError(
      'USAGE',
      `unknown SBOM format "${name}"; valid formats: ${sbomFormatNames.join(', ')}`,
    );
  }
  return format;
}

export function encodeSbom(name: string, sbom: Sbom, opts?: EncodeOptions): string {
  return findSbomFormat(name).encode(sbom, opts);
}
