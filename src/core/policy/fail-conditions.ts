/**
 * Fail conditions ("gates"): when a scan's findings break one, the command exits with
 * `exitCode` (default 1). Shared by `scan`, `ci` and the admission controller.
 *
 * How they combine: every condition set is checked and any one broken fails. `anyFinding`
 * is Trivy's `--exit-code N` alone: fail when any reported finding remains (after
 * `--severity` and the other filters); the CLI sets it only when no explicit condition
 * is given, so `--exit-code` next to `--fail-*` only chooses the code.
 *
 * UNKNOWN (severity 1, no rating anywhere) is not "below LOW": severity thresholds do not
 * count it unless `unknownAs` names the level to count it as, or `failOnUnknown` is set.
 * When neither is and UNKNOWN findings remain, the verdict's `notes` say so.
 */
import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { severityNames, unknownSeverity } from '../matcher/types.js';

export interface FailConditions {
  /** Most findings allowed per severity: `{5: 0, 4: 10}` fails on any critical or on 11 highs. */
  maxPerSeverity?: Partial<Record<Severity, number>>;
  /** Fail when any finding's CVSS base score is at or above this. */
  cvssThreshold?: number;
  /** Vulnerability ids (or aliases) that fail whenever present. */
  failIds?: readonly string[];
  /** Count only findings that have a fix. */
  onlyPatchable?: boolean;
  /** Fail when any finding remains at all (Trivy's `--exit-code` without other conditions). */
  anyFinding?: boolean;
  /** Fail when any finding of UNKNOWN severity remains. */
  failOnUnknown?: boolean;
  /** Count UNKNOWN findings as this level in `maxPerSeverity`. */
  unknownAs?: Severity;
  /** Fail when some packages could not be checked (no data for their release or ecosystem). */
  failOnMissingData?: boolean;
  /** Exit code on failure; default 1. */
  exitCode?: number;
}

export interface PolicyVerdict {
  failed: boolean;
  reasons: string[];
  /** How the gate treated what it did not count (UNKNOWN findings), for the user to see. */
  notes: string[];
  /** 0 when passed, else `exitCode` (default 1). */
  exitCode: number;
}

export function hasConditions(conditions: FailConditions): boolean {
  return (
    Object.keys(conditions.maxPerSeverity ?? {}).length > 0 ||
    conditions.cvssThreshold !== undefined ||
    (conditions.failIds?.length ?? 0) > 0 ||
    conditions.anyFinding === true ||
    conditions.failOnUnknown === true ||
    conditions.failOnMissingData === true
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function evaluatePolicy(
  result: Pick<ScanResult, 'findings' | 'warnings'>,
  conditions: FailConditions,
): PolicyVerdict {
  const counted: Finding[] = conditions.onlyPatchable
    ? result.findings.filter((finding) => finding.patchable)
    : result.findings;
  const reasons: string[] = [];
  const notes: string[] = [];
  const max = conditions.maxPerSeverity ?? {};
  const unknowns = counted.filter((finding) => finding.severity === unknownSeverity).length;
  const levelOf = (finding: Finding): Severity =>
    finding.severity === unknownSeverity && conditions.unknownAs !== undefined
      ? conditions.unknownAs
      : finding.severity;
  for (const severity of [5, 4, 3, 2, 1] as const) {
    const limit = max[severity];
    if (limit === undefined) continue;
    const count = counted.filter((finding) => levelOf(finding) === severity).length;
    if (count > limit)
      reasons.push(`${count} ${severityNames[severity]} findings (at most ${limit} allowed)`);
  }
  if (conditions.cvssThreshold !== undefined) {
    const threshold = conditions.cvssThreshold;
    const over = counted.filter((finding) => finding.cvss && finding.cvss.score >= threshold);
    if (over.length > 0) {
      const ids = [...new Set(over.map((f) => f.id))].slice(0, 5).join(', ');
      reasons.push(
        `${over.length} findings with CVSS >= ${threshold} (${ids}${over.length > 5 ? ', …' : ''})`,
      );
    }
  }
  for (const id of conditions.failIds ?? []) {
    const hits = counted.filter((finding) => finding.id === id || finding.aliases.includes(id));
    if (hits.length > 0) {
      const where = [...new Set(hits.map((f) => `${f.package.name} ${f.installedVersion}`))].join(', ');
      reasons.push(`${id} is present (${where})`);
    }
  }
  if (conditions.anyFinding && counted.length > 0) {
    reasons.push(`${plural(counted.length, 'finding')} reported (--exit-code fails on any finding shown)`);
  }
  if (conditions.failOnUnknown && unknowns > 0) {
    reasons.push(`${plural(unknowns, 'finding')} of UNKNOWN severity`);
  }
  const gatesBySeverity = Object.keys(max).length > 0;
  if (
    gatesBySeverity &&
    unknowns > 0 &&
    max[unknownSeverity] === undefined &&
    conditions.unknownAs === undefined &&
    !conditions.failOnUnknown
  ) {
    notes.push(
      `${plural(unknowns, 'finding')} of UNKNOWN severity not counted by the severity gate (add --fail-on-unknown, or --unknown-as LEVEL to count them as that level)`,
    );
  }
  if (conditions.failOnMissingData) {
    const missing = (result.warnings ?? []).filter((w) => w.kind === 'missing-data');
    if (missing.length > 0) {
      const packages = missing.reduce((n, w) => n + w.packages, 0);
      const where = missing.map((w) => w.ecosystem).join(', ');
      reasons.push(`${plural(packages, 'package')} could not be checked: no data for ${where}`);
    }
  }
  const failed = reasons.length > 0;
  return { failed, reasons, notes, exitCode: failed ? (conditions.exitCode ?? 1) : 0 };
}
