/**
 * Filters applied to findings after matching, shared by `scan`, `ci` and admission.
 * Severity and "unfixed" filters drop findings from the report; ignore rules and VEX
 * suppress them, keeping each with its reason so reports can show what was hidden.
 */
import type { FilteredCounts, Finding, Severity } from '../matcher/types.js';
import type { ImageDescription, OSInfo, Package } from '../sbom/model.js';
import { type IgnoreRule, ignoreRuleMatches } from './ignore-file.js';
import { type VexStatement, vexFor, vexReason } from './openvex.js';

export interface FindingFilters {
  /** Keep only these severities (empty or absent: all, UNKNOWN included). */
  severities?: ReadonlySet<Severity>;
  ignoreUnfixed?: boolean;
  /** Keep findings in lockfile dev-only dependencies (left out by default, as Trivy does). */
  includeDevDeps?: boolean;
  ignoreRules?: readonly IgnoreRule[];
  vex?: readonly VexStatement[];
  /** For ignore-rule expiry; default now. */
  now?: Date;
  image?: ImageDescription;
  /** The scanned OS and packages, so VEX products naming a package purl apply. */
  os?: OSInfo;
  packages?: readonly Package[];
}

/** Counted by severity (`--severity`), unfixed (`--ignore-unfixed`) and dev-only (lockfiles). */
export type FilteredOut = FilteredCounts;

export interface FilterOutcome {
  findings: Finding[];
  suppressed: { finding: Finding; reason: string }[];
  filtered: FilteredOut;
  /** One line each, e.g. expired ignore rules, for the user to see on stderr. */
  warnings: string[];
}

export function applyFilters(findings: readonly Finding[], filters: FindingFilters): FilterOutcome {
  const now = filters.now ?? new Date();
  const rules = filters.ignoreRules ?? [];
  const active = rules.filter((rule) => !rule.expiresAt || now < rule.expiresAt);
  const expired = rules.filter((rule) => rule.expiresAt && now >= rule.expiresAt);
  const warnings = expired.map(
    (rule) =>
      `ignore rule for ${rule.id}${rule.package ? ` (${rule.package})` : ''} expired on ${rule.expires}; it no longer applies`,
  );
  const filtered: FilteredOut = { bySeverity: {}, unfixed: 0, devDependencies: 0 };
  const out: FilterOutcome = { findings: [], suppressed: [], filtered, warnings };
  for (const finding of findings) {
    if (finding.package.dev && !filters.includeDevDeps) {
      filtered.devDependencies++;
      continue;
    }
    if (filters.severities && filters.severities.size > 0 && !filters.severities.has(finding.severity)) {
      filtered.bySeverity[finding.severity] = (filtered.bySeverity[finding.severity] ?? 0) + 1;
      continue;
    }
    if (filters.ignoreUnfixed && !finding.patchable) {
      filtered.unfixed++;
      continue;
    }
    const rule = active.find((r) => ignoreRuleMatches(r, finding));
    if (rule) {
      out.suppressed.push({
        finding,
        reason: `ignored: ${rule.reason}${rule.expires ? ` (until ${rule.expires})` : ''}`,
      });
      continue;
    }
    const statement = filters.vex
      ? vexFor(filters.vex, finding, {
          ...(filters.image ? { image: filters.image } : {}),
          ...(filters.os ? { os: filters.os } : {}),
          ...(filters.packages ? { packages: filters.packages } : {}),
        })
      : undefined;
    if (statement && (statement.status === 'not_affected' || statement.status === 'fixed')) {
      out.suppressed.push({ finding, reason: vexReason(statement) });
      continue;
    }
    out.findings.push(finding);
  }
  return out;
}
