import type { Package, Sbom } from '../sbom/model.js';

/** Bulwark's severity scale, the reference product's: 1 (minimal) to 5 (urgent). */
export type Severity = 1 | 2 | 3 | 4 | 5;

export const severityNames: Record<Severity, string> = {
  1: 'MINIMAL',
  2: 'LOW',
  3: 'MEDIUM',
  4: 'HIGH',
  5: 'CRITICAL',
};

/** Why a finding exists: which advisory, which range, which comparator decided it. */
export interface MatchEvidence {
  advisoryId: string;
  /** The OSV ecosystem and package name the lookup used (`Debian:12` / `openssl`). */
  ecosystem: string;
  packageName: string;
  /** How the package was matched: by its own name, or through its source package. */
  via: 'name' | 'source';
  comparator: string;
  /** The installed version as compared (source version for distro matches). */
  comparedVersion: string;
  /** The range that matched, events in OSV spelling, or the explicit versions list. */
  range?: { type: string; events: Record<string, string>[] };
  matchedVersionList?: boolean;
}

export interface Cvss {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  vector: string;
  score: number;
}

export interface Finding {
  /** Primary id: the CVE when one exists among the aliases, else the advisory id. */
  id: string;
  /** Every other id the same vulnerability goes by (GHSA, DSA, DLA, USN, GO-…, PYSEC-…). */
  aliases: string[];
  /** The title: OSV `summary`, else the first sentence of `details`. */
  summary?: string;
  /** The advisory's full text (OSV `details`), for reports that show a description. */
  description?: string;
  package: Package;
  installedVersion: string;
  /** Versions that fix it in this package's ecosystem; empty when no fix exists. */
  fixedVersions: string[];
  patchable: boolean;
  severity: Severity;
  /** Where the severity came from: a CVSS score, a distro priority, or nothing known. */
  severitySource: 'cvss' | 'distro' | 'default';
  cvss?: Cvss;
  published?: string;
  /** Days since published, at scan time. */
  ageDays?: number;
  references: string[];
  evidence: MatchEvidence[];
}

export interface ScanResult {
  sbom: Sbom;
  findings: Finding[];
  /** Findings removed by ignore files or VEX, with the reason, so reports can show them. */
  suppressed: { finding: Finding; reason: string }[];
  db?: { path: string; updatedAt?: string };
  scannedAt: string;
}
