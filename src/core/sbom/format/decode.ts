import { BulwarkError } from '../../errors.js';
import { isRecord } from '../../json-guards.js';
import type { Sbom } from '../model.js';
import type { Json } from './decode-common.js';
import { decodeCycloneDx } from './decode-cyclonedx.js';
import { decodeSpdx } from './decode-spdx.js';

function checkBulwark(doc: Json, path: string): Sbom {
  const ok =
    doc.schemaVersion === 1 &&
    isRecord(doc.image) &&
    Array.isArray(doc.packages) &&
    doc.packages.every(
      (p) => isRecord(p) && typeof p.type === 'string' && typeof p.name === 'string' && isRecord(p.location),
    );
  if (!ok)
    throw new BulwarkError(
      'INPUT_INVALID',
      `${path}: Bulwark SBOM is malformed (schemaVersion 1 with image and packages expected)`,
    );
  const sbom = doc as unknown as Sbom;
  return { ...sbom, layers: sbom.layers ?? [], unknowns: sbom.unknowns ?? [] };
}

/**
 * Reports name what was scanned: the SBOM's subject (its described component or
 * package, else the document's name), and when the SBOM names none, the file itself.
 */
function named(sbom: Sbom, path: string): Sbom {
  if (sbom.image.ref.trim() === '') sbom.image.ref = path;
  return sbom;
}

/**
 * Reads an SBOM file: CycloneDX JSON (1.4+), SPDX 2.2/2.3 JSON or Bulwark's own JSON.
 * Every failure is one INPUT_INVALID line that names the file.
 */
export function decodeSbom(text: string, path: string): Sbom {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new BulwarkError('INPUT_INVALID', `${path}: not valid JSON (${why})`, { cause: err });
  }
  if (!isRecord(doc)) throw new BulwarkError('INPUT_INVALID', `${path}: an SBOM must be a JSON object`);
  try {
    if (doc.bomFormat === 'bulwark-sbom') return checkBulwark(doc, path);
    if (doc.bomFormat === 'CycloneDX') return named(decodeCycloneDx(doc, path), path);
    if (typeof doc.spdxVersion === 'string') {
      if (!/^SPDX-2\.[23]$/.test(doc.spdxVersion)) {
        throw new BulwarkError(
          'INPUT_INVALID',
          `${path}: ${doc.spdxVersion} is not supported (SPDX-2.2 or SPDX-2.3)`,
        );
      }
      return named(decodeSpdx(doc), path);
    }
  } catch (err) {
    if (err instanceof BulwarkError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new BulwarkError('INPUT_INVALID', `${path}: cannot read SBOM (${why})`, { cause: err });
  }
  throw new BulwarkError('INPUT_INVALID', `${path}: not a CycloneDX, SPDX or Bulwark SBOM`);
}
