/**
 * What a `bulwark ci` run found, per image and overall: printed at the end, posted to the
 * webhook (schemaVersion 1, docs/ci.md). `outcome` says whether there were results at all,
 * so "no vulnerabilities" and "nothing checked" can never look alike.
 */
import type { ScanResult } from '../core/matcher/types.js';
import { severityNames } from '../core/matcher/types.js';
import type { GateVerdict } from './ci-gate.js';
import { type CiExitCode, ciExitCodes, combineExitCodes } from './exit-codes.js';

export type ImageOutcome = 'complete' | 'not-checked' | 'timeout' | 'refused';

export interface CiImageSummary {
  given: string;
  imageId: string;
  sha: string;
  triggerTag: string | null;
  outcome: ImageOutcome;
  /** Server calls made for this image. */
  calls: number;
  failed: boolean;
  exitCode: number;
  reasons: string[];
  notes: string[];
  /** Distinct vulnerabilities per severity name, after exclusions; null without results. */
  severityCounts: Record<string, number> | null;
  vulnerabilities: {
    id: string;
    aliases: string[];
    severity: string;
    cvss: number | null;
    packages: { name: string; version: string; fixedVersion: string | null; patchable: boolean }[];
  }[];
  excluded: string[];
  reports: string[];
}

export interface CiRunSummary {
  schemaVersion: 1;
  tool: 'bulwark ci';
  passed: boolean;
  /**
   * False when any image has no checked results (timeout, refused, or a server without
   * vulnerability data): a run can pass without fail conditions and still not be clean.
   */
  checked: boolean;
  /** The image ids without checked results. */
  notChecked: string[];
  exitCode: number;
  server: string;
  images: CiImageSummary[];
}

export function resultDetails(result: ScanResult) {
  const counts: Record<string, number> = {};
  for (const name of Object.values(severityNames)) counts[name] = 0;
  const byId = new Map<string, CiImageSummary['vulnerabilities'][number]>();
  for (const f of result.findings) {
    let v = byId.get(f.id);
    if (!v) {
      v = {
        id: f.id,
        aliases: f.aliases,
        severity: severityNames[f.severity],
        cvss: f.cvss?.score ?? null,
        packages: [],
      };
      byId.set(f.id, v);
      counts[v.severity] = (counts[v.severity] ?? 0) + 1;
    }
    v.packages.push({
      name: f.package.name,
      version: f.installedVersion,
      fixedVersion: f.fixedVersions[0] ?? null,
      patchable: f.patchable,
    });
  }
  const excluded = [...new Set(result.suppressed.map((s) => s.finding.id))];
  return { severityCounts: counts, vulnerabilities: [...byId.values()], excluded };
}

export function verdictFields(v: GateVerdict) {
  return { failed: v.failed, exitCode: v.exitCode, reasons: v.reasons, notes: v.notes };
}

/** The run's summary from its images: the exit code by priority, and what was not checked. */
export function runSummary(server: string, images: CiImageSummary[]): CiRunSummary {
  const exitCode = combineExitCodes(images.map((s) => s.exitCode as CiExitCode));
  const notChecked = images.filter((i) => i.outcome !== 'complete').map((i) => i.imageId);
  return {
    schemaVersion: 1,
    tool: 'bulwark ci',
    passed: exitCode === ciExitCodes.pass,
    checked: notChecked.length === 0,
    notChecked,
    exitCode,
    server,
    images,
  };
}
