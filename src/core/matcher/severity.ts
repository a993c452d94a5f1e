/**
 * Severity 1–5 for one advisory as it applies to one package. The order of trust:
 * a CVSS base score (v3 first, then a scored v4, then v2), else the vendor's own
 * rating (Debian urgency, Ubuntu priority, GHSA severity), else 1 ("default").
 */
import type { OsvAffected, OsvRecord, OsvSeverity } from '../advisory/osv-types.js';
import { parseCvss } from './cvss.js';
import type { Cvss, Finding, Severity } from './types.js';

export interface SeverityVerdict {
  severity: Severity;
  severitySource: Finding['severitySource'];
  cvss?: Cvss;
}

/** The reference scale's score bands. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 5;
  if (score >= 7) return 4;
  if (score >= 4) return 3;
  if (score >= 0.1) return 2;
  return 1;
}

/** Debian urgency, Ubuntu priority and GHSA severity words, lower-cased. */
const vendorWords: Record<string, Severity> = {
  unimportant: 1,
  negligible: 1,
  low: 2,
  medium: 3,
  moderate: 3,
  high: 4,
  critical: 5,
  important: 4,
};

/** Parses `medium`, `medium**` (Debian marks unconfirmed ratings with stars) and the like. */
function vendorSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value
    .trim()
    .toLowerCase()
    .replace(/\*+$/, '')
    .replace(/\s*\(.*\)$/, '');
  return vendorWords[word];
}

const cvssPreference = ['3.1', '3.0', '4.0', '2.0'] as const;

function bestCvss(entries: readonly OsvSeverity[]): Cvss | undefined {
  const parsed: Cvss[] = [];
  for (const entry of entries) {
    if (typeof entry?.type !== 'string' || typeof entry.score !== 'string') continue;
    const cvss = parseCvss(entry.type, entry.score);
    if (cvss) parsed.push(cvss);
  }
  for (const version of cvssPreference) {
    const found = parsed.find((cvss) => cvss.version === version);
    if (found) return found;
  }
  return undefined;
}

function field(bag: Record<string, unknown> | undefined, key: string): unknown {
  return bag && typeof bag === 'object' ? bag[key] : undefined;
}

/** The vendor rating carried by the affected entry or the record, if any. */
function vendorRating(record: OsvRecord, affected: OsvAffected | undefined): Severity | undefined {
  const candidates: unknown[] = [
    field(affected?.ecosystem_specific, 'urgency'),
    field(affected?.database_specific, 'urgency'),
    field(affected?.ecosystem_specific, 'severity'),
    field(affected?.database_specific, 'severity'),
    ...(record.severity ?? []).filter((entry) => entry?.type === 'Ubuntu').map((entry) => entry.score),
    ...(affected?.severity ?? []).filter((entry) => entry?.type === 'Ubuntu').map((entry) => entry.score),
    field(record.database_specific, 'severity'),
    field(record.database_specific, 'urgency'),
  ];
  for (const candidate of candidates) {
    const severity = vendorSeverity(candidate);
    if (severity !== undefined) return severity;
  }
  return undefined;
}

/** Records are shared by the store's cache: their verdicts are computed once. */
const cache = new WeakMap<object, SeverityVerdict>();

export function severityOf(record: OsvRecord, affected?: OsvAffected): SeverityVerdict {
  const key = affected ?? record;
  const hit = cache.get(key);
  if (hit) return hit;
  const verdict = computeSeverity(record, affected);
  cache.set(key, verdict);
  return verdict;
}

function computeSeverity(record: OsvRecord, affected: OsvAffected | undefined): SeverityVerdict {
  // The affected entry's own scores are the more specific ones (OSV allows both places).
  const cvss = bestCvss(affected?.severity ?? []) ?? bestCvss(record.severity ?? []);
  if (cvss) return { severity: severityFromScore(cvss.score), severitySource: 'cvss', cvss };
  const vendor = vendorRating(record, affected);
  if (vendor !== undefined) return { severity: vendor, severitySource: 'distro' };
  return { severity: 1, severitySource: 'default' };
}
