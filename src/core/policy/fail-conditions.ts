/**
 * Fail conditions ("gates"): when a scan's findings break one, the command exits with
 * `exitCode` (default 1). Shared by `scan`, `ci` and the admission controller.
 */
import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';

export interface FailConditions {
  /** Most findings allowed per severity: `{5: 0, 4: 10}` fails on any critical or on 11 highs. */
  maxPerSeverity?: Partial<Record<Severity, number>>;
  /** Fail when any finding's CVSS base score is at or above this. */
  cvssThreshold?: number;
  /** Vulnerability ids (or aliases) that fail whenever present. */
  failIds?: readonly string[];
  /** Count only findings that have a fix. */
  onlyPatchable?: boolean;
  /** Exit code on failure; default 1. */
  exitCode?: number;
}

export interface PolicyVerdict {
  failed: boolean;
  reasons: string[];
  /** 0 when passed, else `exitCode` (default 1). */
  exitCode: number;
}

export function hasConditions(conditions: FailConditions): boolean {
  return (
    Object.keys(conditions.maxPerSeverity ?? {}).length > 0 ||
    conditions.cvssThreshold !== undefined ||
    (conditions.failIds?.length ?? 0) > 0
  );
}

export function evaluatePolicy(
  result: Pick<ScanResult, 'findings'>,
  conditions: FailConditions,
): PolicyVerdict {
  const counted: Finding[] = conditions.onlyPatchable
    ? result.findings.filter((finding) => finding.patchable)
    : result.findings;
  const reasons: string[] = [];
  const max = conditions.maxPerSeverity ?? {};
  for (const severity of [5, 4, 3, 2, 1] as const) {
    const limit = max[severity];
    if (limit === undefined) continue;
    const count = counted.filter((finding) => finding.severity === severity).length;
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
  const failed = reasons.length > 0;
  return { failed, reasons, exitCode: failed ? (conditions.exitCode ?? 1) : 0 };
}
