/**
 * Filters applied to findings after matching, shared by `scan`, `ci` and admission.
 * Severity and "unfixed" filters drop findings from the report; ignore rules and VEX
 * suppress them, keeping each with its reason so reports can show what was hidden.
 */
import type { Finding, Severity } from '../matcher/types.js';
import type { ImageDescription } from '../sbom/model.js';
import { type IgnoreRule, ignoreRuleMatches } from './ignore-file.js';
import { type VexStatement, vexFor, vexReason } from './openvex.js';

export interface FindingFilters {
  /** Keep only these severities (empty or absent: all). */
  severities?: ReadonlySet<Severity>;
  ignoreUnfixed?: boolean;
  ignoreRules?: readonly IgnoreRule[];
  vex?: readonly VexStatement[];
  /** For ignore-rule expiry; default now. */
  now?: Date;
  image?: ImageDescription;
}

export interface FilterOutcome {
  findings: Finding[];
  suppressed: { finding: Finding; reason: string }[];
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
  const out: FilterOutcome = { findings: [], suppressed: [], warnings };
  for (const finding of findings) {
    if (filters.severities && filters.severities.size > 0 && !filters.severities.has(finding.severity))
      continue;
    if (filters.ignoreUnfixed && !finding.patchable) continue;
    const rule = active.find((r) => ignoreRuleMatches(r, finding));
    if (rule) {
      out.suppressed.push({
        finding,
        reason: `ignored: ${rule.reason}${rule.expires ? ` (until ${rule.expires})` : ''}`,
      });
      continue;
    }
    const statement = filters.vex ? vexFor(filters.vex, finding, filters.image) : undefined;
    if (statement && (statement.status === 'not_affected' || statement.status === 'fixed')) {
      out.suppressed.push({ finding, reason: vexReason(statement) });
      continue;
    }
    out.findings.push(finding);
  }
  return out;
}
