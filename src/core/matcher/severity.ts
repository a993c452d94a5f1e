/**
 * Severity for one advisory as it applies to one package, from every source the record
 * carries before giving up:
 * - OS packages: the distribution's own rating decides (Debian urgency, Ubuntu priority,
 *   Red Hat / SUSE severity), as Trivy does — distros rate their backports themselves;
 *   the CVSS score stays attached so reports can show it beside.
 * - Other packages, and OS packages without a distro rating: a CVSS base score (v3.x
 *   first, then v4, then v2), else the advisory's own word (GHSA `database_specific`).
 * - Nothing: UNKNOWN (1), never a guess. Linked records (aliases) are tried by the caller.
 */
import type { OsvAffected, OsvRecord, OsvSeverity } from '../advisory/osv-types.js';
import { parseCvss } from './cvss.js';
import type { Cvss, Severity, SeveritySource } from './types.js';

export interface SeverityVerdict {
  severity: Severity;
  severitySource: SeveritySource;
  cvss?: Cvss;
}

/** The CVSS qualitative bands. A score of 0.0 ("none") is a known rating: LOW, not UNKNOWN. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 5;
  if (score >= 7) return 4;
  if (score >= 4) return 3;
  return 2;
}

/**
 * Rating words of Debian (urgency), Ubuntu (priority), Red Hat and SUSE (severity) and
 * GHSA, lower-cased. Debian's "unimportant" and Ubuntu's "negligible" are known-low
 * ratings; "not yet assigned" and "end-of-life" are not ratings and stay unmatched.
 */
const vendorWords: Record<string, Severity> = {
  unimportant: 2,
  negligible: 2,
  low: 2,
  medium: 3,
  moderate: 3,
  high: 4,
  important: 4,
  critical: 5,
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

/** The rating word carried by the affected entry or the record, if any. */
function vendorRating(record: OsvRecord, affected: OsvAffected | undefined): Severity | undefined {
  const words = (entries: readonly OsvSeverity[] | undefined) =>
    (Array.isArray(entries) ? entries : [])
      .filter((entry) => entry?.type === 'Ubuntu' || entry?.type === 'Debian')
      .map((entry) => entry.score);
  const candidates: unknown[] = [
    field(affected?.ecosystem_specific, 'urgency'),
    field(affected?.database_specific, 'urgency'),
    field(affected?.ecosystem_specific, 'severity'),
    field(affected?.database_specific, 'severity'),
    ...words(affected?.severity),
    ...words(record.severity),
    field(record.database_specific, 'severity'),
    field(record.database_specific, 'urgency'),
  ];
  for (const candidate of candidates) {
    const severity = vendorSeverity(candidate);
    if (severity !== undefined) return severity;
  }
  return undefined;
}

/** Records are shared by the store's cache: their verdicts are computed once per mode. */
const caches = { os: new WeakMap<object, SeverityVerdict>(), lang: new WeakMap<object, SeverityVerdict>() };

/** `osPackage`: the package is a distro package (deb, rpm, apk), so a distro rating decides. */
export function severityOf(record: OsvRecord, affected?: OsvAffected, osPackage = false): SeverityVerdict {
  const cache = osPackage ? caches.os : caches.lang;
  const key = affected ?? record;
  const hit = cache.get(key);
  if (hit) return hit;
  const verdict = computeSeverity(record, affected, osPackage);
  cache.set(key, verdict);
  return verdict;
}

function computeSeverity(
  record: OsvRecord,
  affected: OsvAffected | undefined,
  osPackage: boolean,
): SeverityVerdict {
  // The affected entry's own scores are the more specific ones (OSV allows both places).
  const cvss = bestCvss(affected?.severity ?? []) ?? bestCvss(record.severity ?? []);
  const withCvss = cvss ? { cvss } : {};
  const vendor = vendorRating(record, affected);
  if (osPackage && vendor !== undefined) return { severity: vendor, severitySource: 'distro', ...withCvss };
  if (cvss) return { severity: severityFromScore(cvss.score), severitySource: 'cvss', cvss };
  if (vendor !== undefined) return { severity: vendor, severitySource: osPackage ? 'distro' : 'advisory' };
  return { severity: 1, severitySource: 'unknown' };
}

/** True when the verdict rests on a rating rather than on nothing. */
export function isRated(verdict: Pick<SeverityVerdict, 'severitySource'>): boolean {
  return verdict.severitySource !== 'unknown';
}
