/**
 * The 200 answer of `GET /csapi/v1.1/ci/images/{id}/vuln`, checked against the route's own
 * response schema (src/server/routes/csapi/v1.1/ci/ci-schemas.ts), so the shape is written
 * once: the gate decides a build from it, so a body of another shape is an error, never an
 * empty (clean) list.
 */
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  CiImageResult,
  type CiPackage,
  type CiVulnerability,
} from '../server/routes/csapi/v1.1/ci/ci-schemas.js';

export type CiPackagePayload = Static<typeof CiPackage>;
export type CiVulnerabilityPayload = Static<typeof CiVulnerability>;
export type CiImagePayload = Static<typeof CiImageResult>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseCiPayload(text: string): Parsed<CiImagePayload> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (Value.Check(CiImageResult, doc)) return { ok: true, value: doc };
  const first = [...Value.Errors(CiImageResult, doc)][0];
  return {
    ok: false,
    error: first ? `${first.instancePath || '/'} ${first.message}` : 'not the CI result shape',
  };
}
