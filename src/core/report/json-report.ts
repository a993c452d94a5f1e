import type { Finding, ScanResult } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';
import { sortPackages } from '../sbom/format/package-order.js';
import { toolInfo } from '../sbom/format/tool-info.js';
import type { OSInfo, Package } from '../sbom/model.js';
import { purlFor } from '../sbom/purl.js';
import { sortFindings, summarize } from './report-summary.js';
import type { ReportFormat, ReportOptions } from './report-types.js';

/**
 * The JSON report: a stable, documented shape (docs/report-json.md, schema in
 * docs/report-json-schema.json). Bump `schemaVersion` on any incompatible change.
 */
export const reportJsonSchemaVersion = 2;

function jsonPackage(p: Package, os: OSInfo | undefined) {
  return {
    type: p.type,
    name: p.name,
    version: p.version,
    arch: p.arch ?? null,
    purl: p.purl ?? purlFor(p, os) ?? null,
    sourceName: p.source?.name ?? null,
    sourceVersion: p.source?.version ?? null,
    path: p.location.path,
    layerIndex: p.location.layer?.index ?? null,
    layerDiffID: p.location.layer?.diffID ?? null,
  };
}

function jsonFinding(f: Finding, result: ScanResult) {
  const p = f.package;
  return {
    id: f.id,
    aliases: f.aliases,
    summary: f.summary ?? null,
    severity: f.severity,
    severityName: severityNames[f.severity],
    severitySource: f.severitySource,
    cvss: f.cvss ?? null,
    package: jsonPackage(p, result.sbom.os),
    installedVersion: f.installedVersion,
    fixedVersions: f.fixedVersions,
    patchable: f.patchable,
    published: f.published ?? null,
    ageDays: f.ageDays ?? null,
    references: f.references,
    evidence: f.evidence.map((e) => ({
      advisoryId: e.advisoryId,
      ecosystem: e.ecosystem,
      packageName: e.packageName,
      via: e.via,
      comparator: e.comparator,
      comparedVersion: e.comparedVersion,
      range: e.range ?? null,
      matchedVersionList: e.matchedVersionList ?? false,
    })),
  };
}

export function buildJsonReport(result: ScanResult, opts: ReportOptions = {}) {
  const { image, os } = result.sbom;
  return {
    schemaVersion: reportJsonSchemaVersion,
    tool: { name: toolInfo.name, version: toolInfo.version },
    scannedAt: result.scannedAt,
    image: {
      ref: image.ref,
      kind: image.kind,
      imageId: image.imageId,
      repoTags: image.repoTags,
      repoDigests: image.repoDigests,
      architecture: image.architecture ?? null,
    },
    os: os ? { family: os.family, version: os.version, name: os.name, codename: os.codename ?? null } : null,
    db: result.db ? { path: result.db.path, updatedAt: result.db.updatedAt ?? null } : null,
    summary: summarize(result),
    /** What could not be checked, an end-of-life OS, a stale database: never a silent "clean". */
    warnings: result.warnings ?? [],
    findings: sortFindings(result.findings).map((f) => jsonFinding(f, result)),
    suppressed: sortSuppressed(result.suppressed).map((s) => ({
      reason: s.reason,
      finding: jsonFinding(s.finding, result),
    })),
    // --list-all-pkgs: the whole inventory, as Trivy's JSON has it, in the SBOM's package order.
    ...(opts.listAllPackages
      ? { packages: sortPackages(result.sbom.packages).map((p) => jsonPackage(p, result.sbom.os)) }
      : {}),
  };
}

export const jsonReport: ReportFormat = {
  name: 'json',
  description: 'JSON with a documented schema (docs/report-json.md)',
  write: (result, opts) => `${JSON.stringify(buildJsonReport(result, opts), null, 2)}\n`,
};

/** Suppressed findings in the same one order as the findings themselves. */
function sortSuppressed(suppressed: ScanResult['suppressed']): ScanResult['suppressed'] {
  const reasons = new Map(suppressed.map((s) => [s.finding, s.reason]));
  return sortFindings(suppressed.map((s) => s.finding)).map((finding) => ({
    finding,
    reason: reasons.get(finding) ?? '',
  }));
}
