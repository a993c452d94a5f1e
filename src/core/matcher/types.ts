import type { Package, Sbom } from '../sbom/model.js';

/**
 * Bulwark's severity scale, numbered 1–5 as the reference product counts them, named as
 * Trivy names them. 1 is UNKNOWN: no source rated the vulnerability. It is a level of its
 * own, not "below LOW": a minimum such as `>=low` never includes it, and gates count it
 * only when told to (`--fail-on-unknown`, `--unknown-as`).
 */
export type Severity = 1 | 2 | 3 | 4 | 5;

export const unknownSeverity: Severity = 1;

export const severityNames: Record<Severity, string> = {
  1: 'UNKNOWN',
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

export type SeveritySource = 'distro' | 'cvss' | 'advisory' | 'unknown';

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
  /**
   * Which source decided the level: the distribution's own rating (OS packages), a CVSS
   * base score, an advisory's own rating (GHSA…), or none (`unknown`, severity 1).
   */
  severitySource: SeveritySource;
  /** Shown beside the level even when a distro rating decided it. */
  cvss?: Cvss;
  published?: string;
  /** Days since published, at scan time. */
  ageDays?: number;
  references: string[];
  evidence: MatchEvidence[];
}

/** Why packages could not be checked. */
export type MissingDataReason =
  /** The database has advisories for the OS family, but none for this release. */
  | 'no-data-for-release'
  /** The database has no advisories for this ecosystem at all. */
  | 'no-data-for-ecosystem'
  /** The database holds no advisories whatsoever. */
  | 'empty-database'
  /** No matcher knows this kind of package here (e.g. rpm packages on an unrecognised OS). */
  | 'unsupported';

/**
 * Something every report must say, because without it an empty findings list would read
 * as "clean": packages that could not be checked, an end-of-life OS, a stale database.
 */
export type ScanWarning =
  | {
      kind: 'missing-data';
      reason: MissingDataReason;
      /** `Alpine:v3.11`, `Go`; the package type for `unsupported`. */
      ecosystem: string;
      /** How many packages went unchecked. */
      packages: number;
      message: string;
    }
  | { kind: 'no-packages'; message: string }
  | { kind: 'os-eol'; os: string; eolDate: string; message: string }
  | { kind: 'db-stale'; ageDays: number; maxAgeDays: number; message: string };

/** Findings left out on request, counted so a filtered summary never shows a false zero. */
export interface FilteredCounts {
  bySeverity: Partial<Record<Severity, number>>;
  unfixed: number;
  devDependencies: number;
}

export interface ScanResult {
  sbom: Sbom;
  findings: Finding[];
  /** Findings removed by ignore files or VEX, with the reason, so reports can show them. */
  suppressed: { finding: Finding; reason: string }[];
  /** Findings the filters left out (absent: nothing was filtered). */
  filtered?: FilteredCounts;
  /** What the scan could not vouch for; every report format shows these. */
  warnings?: ScanWarning[];
  db?: { path: string; updatedAt?: string };
  scannedAt: string;
}
