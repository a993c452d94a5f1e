/**
 * The one findings order: the matcher returns findings in it and every report lists them in
 * it, so a report never shows an order the matcher did not make.
 */
import type { Finding } from './types.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What `localeCompare` without arguments uses: the default locale's collator. */
const collator = new Intl.Collator();

/**
 * Each distinct string's place in collation order; strings the collator holds equal
 * share a place. Collating each distinct string once, then sorting by the places, is
 * the same order as collating inside the sort, for a fraction of the comparisons.
 */
function collationRanks(values: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(values)].sort(collator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && collator.compare(sorted[i - 1]!, sorted[i]!) !== 0) rank++;
    ranks.set(sorted[i]!, rank);
  }
  return ranks;
}

/**
 * Severity first (highest first), then package name, version and id, as `localeCompare`
 * orders them, then the package's path (code-point order) so equal findings at two places
 * keep one order. Names and versions repeat (a package has several findings) and are
 * ranked; ids are nearly all distinct and only compared to break ties.
 */
export function sortFindingsInPlace(findings: Finding[]): Finding[] {
  const names = collationRanks(findings.map((f) => f.package.name));
  const versions = collationRanks(findings.map((f) => f.package.version));
  const keyed = findings.map((finding) => ({
    finding,
    severity: finding.severity,
    name: names.get(finding.package.name)!,
    version: versions.get(finding.package.version)!,
  }));
  keyed.sort(
    (a, b) =>
      b.severity - a.severity ||
      a.name - b.name ||
      a.version - b.version ||
      collator.compare(a.finding.id, b.finding.id) ||
      compare(a.finding.package.location.path, b.finding.package.location.path),
  );
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i]!.finding;
  return findings;
}

/** A sorted copy, for callers that must not reorder what they were given (reports). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return sortFindingsInPlace([...findings]);
}
