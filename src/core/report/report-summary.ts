import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';

/** Severities from the most to the least urgent: the order every report lists them in. */
export const severitiesDesc: readonly Severity[] = [5, 4, 3, 2, 1];

export interface SeverityCount {
  total: number;
  patchable: number;
}

export interface ReportSummary {
  bySeverity: Record<string, SeverityCount>;
  total: number;
  patchable: number;
  suppressed: number;
  /**
   * What the filters left out, so a filtered summary never shows a false zero:
   * `bySeverity` holds the levels `--severity` hid (by name), with their counts.
   */
  filtered: { bySeverity: Record<string, number>; unfixed: number; devDependencies: number; total: number };
}

export function summarize(result: ScanResult): ReportSummary {
  const bySeverity: Record<string, SeverityCount> = {};
  for (const s of severitiesDesc) bySeverity[severityNames[s]] = { total: 0, patchable: 0 };
  for (const f of result.findings) {
    const c = bySeverity[severityNames[f.severity]];
    if (!c) continue;
    c.total++;
    if (f.patchable) c.patchable++;
  }
  const filteredBySeverity: Record<string, number> = {};
  let filteredTotal = 0;
  for (const s of severitiesDesc) {
    const n = result.filtered?.bySeverity[s] ?? 0;
    if (n === 0) continue;
    filteredBySeverity[severityNames[s]] = n;
    filteredTotal += n;
  }
  const unfixed = result.filtered?.unfixed ?? 0;
  const devDependencies = result.filtered?.devDependencies ?? 0;
  return {
    bySeverity,
    total: result.findings.length,
    patchable: result.findings.filter((f) => f.patchable).length,
    suppressed: result.suppressed.length,
    filtered: {
      bySeverity: filteredBySeverity,
      unfixed,
      devDependencies,
      total: filteredTotal + unfixed + devDependencies,
    },
  };
}

/** The lines every human-readable report prints about what it left out. */
export function filteredLines(summary: ReportSummary): string[] {
  const parts: string[] = [];
  const levels = Object.entries(summary.filtered.bySeverity).map(([name, n]) => `${n} ${name}`);
  if (levels.length > 0) parts.push(`${levels.join(', ')} (--severity)`);
  if (summary.filtered.unfixed > 0)
    parts.push(`${summary.filtered.unfixed} without a fix (--ignore-unfixed)`);
  if (summary.filtered.devDependencies > 0)
    parts.push(`${summary.filtered.devDependencies} in dev dependencies (--include-dev-deps shows them)`);
  return parts.length > 0 ? [`Filtered out: ${parts.join('; ')}`] : [];
}

/** Reports list findings in the matcher's order (the one findings sort). */
export { sortFindings } from '../matcher/sort-findings.js';

export function fixText(f: Finding): string {
  return f.fixedVersions.length > 0 ? f.fixedVersions.join(', ') : 'no fix';
}

/** One line a human can act on: what, where, how bad, how to fix. */
export function findingMessage(f: Finding): string {
  const fix = f.fixedVersions.length > 0 ? `fixed in ${f.fixedVersions.join(', ')}` : 'no fix available';
  const summary = f.summary ? `: ${f.summary}` : '';
  return `${f.package.name} ${f.installedVersion} is affected by ${f.id} (${severityNames[f.severity]}; ${fix})${summary}`;
}

/**
 * An advisory URL as a web link, normalised, or undefined: advisory data is
 * third-party input, and a `javascript:`, `data:` or malformed URL must never become
 * a link in a report.
 */
export function webUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link for the vulnerability: its own first web reference, else OSV's page for the advisory. */
export function helpUri(f: Finding): string {
  for (const reference of f.references) {
    const url = webUrl(reference);
    if (url) return url;
  }
  return `https://osv.dev/vulnerability/${encodeURIComponent(f.evidence[0]?.advisoryId ?? f.id)}`;
}
