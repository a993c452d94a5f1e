/**
 * The verdict on one image of a `bulwark ci` run: exclusions first (an excluded id is
 * out of every condition, and reports list it as suppressed), then the core fail
 * conditions, with `--cvss-version` choosing which CVSS scores the threshold reads. An
 * image without results fails only when fail conditions are set (the reference's rule
 * for a timeout), and always says it was not checked.
 */

import type { Finding, ScanResult } from '../core/matcher/types.js';
import { evaluatePolicy, hasConditions } from '../core/policy/fail-conditions.js';
import type { CiConditions } from './ci-settings.js';
import { type CiExitCode, ciExitCodes } from './exit-codes.js';

export interface GateVerdict {
  failed: boolean;
  reasons: string[];
  notes: string[];
  exitCode: CiExitCode;
}

/** Leaves out findings whose id or alias is excluded; they stay in reports as suppressed. */
export function applyExclusions(result: ScanResult, excludeIds: readonly string[]): ScanResult {
  if (excludeIds.length === 0) return result;
  const excluded = new Set(excludeIds);
  const hit = (f: Finding) => excluded.has(f.id) || f.aliases.some((a) => excluded.has(a));
  return {
    ...result,
    findings: result.findings.filter((f) => !hit(f)),
    suppressed: [
      ...result.suppressed,
      ...result.findings.filter(hit).map((finding) => ({ finding, reason: 'excluded (--exclude-id)' })),
    ],
  };
}

function cvssMatches(f: Finding, version: CiConditions['cvssVersion']): boolean {
  if (!f.cvss) return false;
  if (version === 'any') return true;
  return version === '2' ? f.cvss.version === '2.0' : f.cvss.version === '3.0' || f.cvss.version === '3.1';
}

export function judgeResult(result: ScanResult, conditions: CiConditions): GateVerdict {
  const { cvssVersion, ...core } = conditions;
  const notes: string[] = [];
  let findings = result.findings;
  if (core.cvssThreshold !== undefined && cvssVersion !== 'any') {
    // The threshold reads only scores of the chosen version; the others are named, not hidden.
    const other = findings.filter((f) => !cvssMatches(f, cvssVersion)).length;
    if (other > 0)
      notes.push(
        `${other} findings have no CVSS v${cvssVersion} score: the CVSS threshold did not count them`,
      );
    findings = findings.map((f) => {
      if (cvssMatches(f, cvssVersion)) return f;
      const { cvss: _dropped, ...rest } = f;
      return rest;
    });
  }
  const verdict = evaluatePolicy({ findings, warnings: result.warnings ?? [] }, core);
  return {
    failed: verdict.failed,
    reasons: verdict.reasons,
    notes: [...notes, ...verdict.notes],
    exitCode: verdict.failed ? ciExitCodes.policyFail : ciExitCodes.pass,
  };
}

/** No results (timeout, or the server had nothing to check against): fail only with conditions. */
export function judgeMissing(why: string, conditions: CiConditions): GateVerdict {
  const { cvssVersion: _v, ...core } = conditions;
  if (hasConditions(core))
    return {
      failed: true,
      reasons: [`${why}; fail conditions are set`],
      notes: [],
      exitCode: ciExitCodes.noResults,
    };
  return {
    failed: false,
    reasons: [],
    notes: [`${why}; no fail conditions are set, so the build is not failed (NOT a clean result)`],
    exitCode: ciExitCodes.pass,
  };
}
