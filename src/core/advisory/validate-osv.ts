import { isRecord, isStringArray } from '../json-guards.js';
import { isKnownEcosystem } from './ecosystems.js';
import type { OsvRecord } from './osv-types.js';

/**
 * Checks the parts of the OSV schema Bulwark relies on: `id`, `modified`, each
 * `affected[].package` (ecosystem + name), range types and event shapes. It is
 * deliberately looser than schema.json elsewhere (id prefixes, reference enums,
 * `additionalProperties`), so new OSV sources do not break imports.
 * Versions inside events are not parsed here: an unparsable version is stored and
 * the matcher treats it as invalid.
 */
export type OsvValidation =
  | { kind: 'ok'; record: OsvRecord }
  | { kind: 'invalid'; id?: string; reason: string }
  | { kind: 'unknown-ecosystem'; record: OsvRecord; ecosystems: string[] };

type Json = Record<string, unknown>;

const eventKeys = new Set(['introduced', 'fixed', 'last_affected', 'limit']);
const rangeTypes = new Set(['ECOSYSTEM', 'SEMVER', 'GIT']);
/** Fields the schema lets be `null`; dropped so readers see `undefined` as the types say. */
const nullableFields = ['aliases', 'affected', 'references', 'severity'] as const;

function checkTimestamp(record: Json, field: string, required: boolean): string | undefined {
  const value = record[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    return `"${field}" must be an RFC 3339 timestamp`;
  }
  return undefined;
}

function checkRange(range: unknown, where: string): string | undefined {
  if (!isRecord(range)) return `${where} must be an object`;
  if (typeof range.type !== 'string' || !rangeTypes.has(range.type)) {
    return `${where}.type must be ECOSYSTEM, SEMVER or GIT`;
  }
  if (range.type === 'GIT' && typeof range.repo !== 'string') return `${where} is a GIT range without "repo"`;
  const events = range.events;
  if (!Array.isArray(events) || events.length === 0) return `${where}.events must be a non-empty array`;
  let introduced = false;
  for (const [i, event] of events.entries()) {
    const keys = isRecord(event) ? Object.keys(event) : [];
    const key = keys[0];
    if (!isRecord(event) || keys.length !== 1 || key === undefined || !eventKeys.has(key)) {
      return `${where}.events[${i}] must have exactly one of introduced, fixed, last_affected, limit`;
    }
    if (typeof event[key] !== 'string') return `${where}.events[${i}].${key} must be a string`;
    if (key === 'introduced') introduced = true;
  }
  return introduced ? undefined : `${where}.events has no "introduced" event`;
}

function checkAffected(item: unknown, where: string, ecosystems: string[]): string | undefined {
  if (!isRecord(item)) return `${where} must be an object`;
  const pkg = item.package;
  if (pkg !== undefined) {
    if (!isRecord(pkg)) return `${where}.package must be an object`;
    if (typeof pkg.ecosystem !== 'string' || pkg.ecosystem === '')
      return `${where}.package.ecosystem is missing`;
    if (typeof pkg.name !== 'string' || pkg.name === '') return `${where}.package.name is missing`;
    ecosystems.push(pkg.ecosystem);
  }
  if (item.ranges !== undefined) {
    if (!Array.isArray(item.ranges)) return `${where}.ranges must be an array`;
    for (const [i, range] of item.ranges.entries()) {
      const problem = checkRange(range, `${where}.ranges[${i}]`);
      if (problem) return problem;
    }
  }
  if (item.versions !== undefined && !isStringArray(item.versions)) {
    return `${where}.versions must be an array of strings`;
  }
  return undefined;
}

function checkRecord(record: Json, ecosystems: string[]): string | undefined {
  if (typeof record.id !== 'string' || record.id === '') return '"id" is missing';
  const time =
    checkTimestamp(record, 'modified', true) ??
    checkTimestamp(record, 'published', false) ??
    checkTimestamp(record, 'withdrawn', false);
  if (time) return time;
  if (record.aliases != null && !isStringArray(record.aliases))
    return '"aliases" must be an array of strings';
  if (record.affected != null) {
    if (!Array.isArray(record.affected)) return '"affected" must be an array';
    for (const [i, item] of record.affected.entries()) {
      const problem = checkAffected(item, `affected[${i}]`, ecosystems);
      if (problem) return problem;
    }
  }
  return undefined;
}

export function validateOsvRecord(value: unknown): OsvValidation {
  if (!isRecord(value)) return { kind: 'invalid', reason: 'an OSV record must be a JSON object' };
  const ecosystems: string[] = [];
  const problem = checkRecord(value, ecosystems);
  const id = typeof value.id === 'string' ? value.id : undefined;
  if (problem)
    return id === undefined ? { kind: 'invalid', reason: problem } : { kind: 'invalid', id, reason: problem };
  for (const field of nullableFields) {
    if (value[field] === null) delete value[field];
  }
  const record = value as unknown as OsvRecord;
  const unknown = [...new Set(ecosystems.filter((ecosystem) => !isKnownEcosystem(ecosystem)))];
  return unknown.length > 0
    ? { kind: 'unknown-ecosystem', record, ecosystems: unknown }
    : { kind: 'ok', record };
}
