/**
 * The 200 answer of `GET /csapi/v1.1/ci/images/{id}/vuln` (schema in
 * src/server/routes/csapi/v1.1/ci/ci-schemas.ts), checked field by field: the gate decides
 * a build from it, so a body of another shape is an error, never an empty (clean) list.
 */
import { isRecord, isStringArray, type JsonObject } from '../core/json-guards.js';

export interface CiPackagePayload {
  name: string;
  version: string;
  type: string | null;
  ecosystem: string | null;
  purl: string | null;
  path: string | null;
  fixedVersion: string | null;
  patchable: boolean;
}

export interface CiVulnerabilityPayload {
  id: string;
  qid: number;
  aliases: string[];
  title: string;
  severity: number;
  cvssScore: number | null;
  cvssVector: string | null;
  published: string | null;
  packages: CiPackagePayload[];
}

export interface CiImagePayload {
  uuid: string;
  sha: string;
  imageId: string;
  repoTags: string[];
  operatingSystem: string | null;
  lastScanned: string | null;
  matchedAt: string;
  vulnerabilitiesChecked: boolean;
  vulnerabilities: CiVulnerabilityPayload[];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

class Shape extends Error {}

function str(o: JsonObject, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Shape(`${key} is not a string`);
  return v;
}

function strOrNull(o: JsonObject, key: string): string | null {
  const v = o[key];
  if (v !== null && typeof v !== 'string') throw new Shape(`${key} is not a string or null`);
  return v;
}

function num(o: JsonObject, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Shape(`${key} is not a number`);
  return v;
}

function bool(o: JsonObject, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new Shape(`${key} is not true or false`);
  return v;
}

function objects(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  if (!Array.isArray(v) || !v.every(isRecord)) throw new Shape(`${key} is not a list of objects`);
  return v;
}

function pkg(o: JsonObject): CiPackagePayload {
  return {
    name: str(o, 'name'),
    version: str(o, 'version'),
    type: strOrNull(o, 'type'),
    ecosystem: strOrNull(o, 'ecosystem'),
    purl: strOrNull(o, 'purl'),
    path: strOrNull(o, 'path'),
    fixedVersion: strOrNull(o, 'fixedVersion'),
    patchable: bool(o, 'patchable'),
  };
}

function vulnerability(o: JsonObject): CiVulnerabilityPayload {
  const severity = num(o, 'severity');
  if (![1, 2, 3, 4, 5].includes(severity)) throw new Shape(`severity ${severity} is not 1–5`);
  const cvss = o.cvssScore;
  if (cvss !== null && (typeof cvss !== 'number' || !Number.isFinite(cvss)))
    throw new Shape('cvssScore is not a number or null');
  if (!isStringArray(o.aliases)) throw new Shape('aliases is not a list of strings');
  return {
    id: str(o, 'id'),
    qid: num(o, 'qid'),
    aliases: o.aliases,
    title: str(o, 'title'),
    severity,
    cvssScore: cvss,
    cvssVector: strOrNull(o, 'cvssVector'),
    published: strOrNull(o, 'published'),
    packages: objects(o, 'packages').map(pkg),
  };
}

export function parseCiPayload(text: string): Parsed<CiImagePayload> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  try {
    if (!isRecord(doc)) throw new Shape('not an object');
    if (!isStringArray(doc.repoTags)) throw new Shape('repoTags is not a list of strings');
    return {
      ok: true,
      value: {
        uuid: str(doc, 'uuid'),
        sha: str(doc, 'sha'),
        imageId: str(doc, 'imageId'),
        repoTags: doc.repoTags,
        operatingSystem: strOrNull(doc, 'operatingSystem'),
        lastScanned: strOrNull(doc, 'lastScanned'),
        matchedAt: str(doc, 'matchedAt'),
        vulnerabilitiesChecked: bool(doc, 'vulnerabilitiesChecked'),
        vulnerabilities: objects(doc, 'vulnerabilities').map(vulnerability),
      },
    };
  } catch (err) {
    if (err instanceof Shape) return { ok: false, error: err.message };
    throw err;
  }
}
