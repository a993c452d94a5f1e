/**
 * The server's CI answer as a core `ScanResult`, so the one set of report writers (HTML,
 * JUnit, SARIF in src/core/report) and the one fail-condition evaluator serve `bulwark ci`
 * exactly as they serve `bulwark scan`. One finding per vulnerable package.
 */
import type { Cvss, Finding, ScanResult, ScanWarning, Severity } from '../core/matcher/types.js';
import type { Package, PackageType } from '../core/sbom/model.js';
import { isPackageType } from '../core/sbom/purl.js';
import type { CiImagePayload, CiPackagePayload, CiVulnerabilityPayload } from './ci-payload.js';

function packageType(type: string | null): PackageType {
  return type !== null && isPackageType(type) ? type : 'generic';
}

/** The CVSS version a vector is written in: `CVSS:3.1/…`, `CVSS:4.0/…`, or v2's bare `AV:N/…`. */
export function cvssOf(score: number | null, vector: string | null): Cvss | undefined {
  if (score === null || vector === null) return undefined;
  const prefix = /^CVSS:(\d\.\d)\//.exec(vector)?.[1];
  const version = prefix === undefined ? '2.0' : prefix;
  if (version !== '2.0' && version !== '3.0' && version !== '3.1' && version !== '4.0') return undefined;
  return { version, vector, score };
}

function toFinding(v: CiVulnerabilityPayload, p: CiPackagePayload): Finding {
  const pkg: Package = {
    type: packageType(p.type),
    name: p.name,
    version: p.version,
    location: { path: p.path ?? '' },
    ...(p.purl ? { purl: p.purl } : {}),
  };
  const cvss = cvssOf(v.cvssScore, v.cvssVector);
  return {
    id: v.id,
    aliases: v.aliases.filter((a) => a !== v.id),
    summary: v.title,
    package: pkg,
    installedVersion: p.version,
    fixedVersions: p.fixedVersion ? [p.fixedVersion] : [],
    patchable: p.patchable,
    severity: v.severity as Severity,
    severitySource: v.severity === 1 ? 'unknown' : cvss ? 'cvss' : 'advisory',
    ...(cvss ? { cvss } : {}),
    ...(v.published ? { published: new Date(Number(v.published)).toISOString() } : {}),
    references: [],
    evidence: [],
  };
}

/** The server's own reason (no database, no advisories for the OS release…) when it gave one. */
export function notCheckedMessage(scanError: string | null): string {
  const why = scanError ?? 'the server could not check the image';
  return `${why}: nothing (or not everything) was checked, this is not a clean result`;
}

export function toScanResult(payload: CiImagePayload, ref: string): ScanResult {
  const warnings: ScanWarning[] = payload.vulnerabilitiesChecked
    ? []
    : [
        {
          kind: 'missing-data',
          reason: 'empty-database',
          ecosystem: 'all',
          packages: 0,
          message: notCheckedMessage(payload.scanError),
        },
      ];
  return {
    sbom: {
      bomFormat: 'bulwark-sbom',
      schemaVersion: 1,
      image: {
        ref,
        kind: 'docker',
        imageId: `sha256:${payload.sha}`,
        repoTags: payload.repoTags,
        repoDigests: [],
      },
      layers: [],
      packages: [],
      unknowns: [],
    },
    findings: payload.vulnerabilities.flatMap((v) => v.packages.map((p) => toFinding(v, p))),
    suppressed: [],
    warnings,
    scannedAt: new Date(Number(payload.lastScanned ?? payload.matchedAt)).toISOString(),
  };
}
