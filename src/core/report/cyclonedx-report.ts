import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { buildCycloneDx } from '../sbom/format/cyclonedx-encoder.js';
import type { CdxRating, CdxVulnerability } from '../sbom/format/cyclonedx-types.js';
import { helpUri, sortFindings } from './report-summary.js';
import type { ReportFormat, ReportOptions } from './report-types.js';

/**
 * CycloneDX 1.6 with `vulnerabilities`: the SBOM encoder's components plus one entry
 * per vulnerability id, `affects` pointing at component bom-refs. Suppressed findings
 * are kept as VEX-style entries with an `analysis` saying why.
 */
const cdxSeverity: Record<Severity, NonNullable<CdxRating['severity']>> = {
  5: 'critical',
  4: 'high',
  3: 'medium',
  2: 'low',
  1: 'unknown',
};

const cvssMethod: Record<string, NonNullable<CdxRating['method']>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

/** The deciding rating first; a CVSS score beside a distro rating follows it. */
function ratings(f: Finding): CdxRating[] {
  const cvss: CdxRating | undefined = f.cvss
    ? {
        score: f.cvss.score,
        severity: f.severitySource === 'cvss' ? cdxSeverity[f.severity] : cdxSeverityOfScore(f.cvss.score),
        method: cvssMethod[f.cvss.version] ?? 'other',
        vector: f.cvss.vector,
      }
    : undefined;
  if (f.severitySource === 'cvss' && cvss) return [cvss];
  const own: CdxRating = {
    severity: cdxSeverity[f.severity],
    method: 'other',
    source: { name: f.severitySource },
  };
  return cvss ? [own, cvss] : [own];
}

function cdxSeverityOfScore(score: number): NonNullable<CdxRating['severity']> {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'none';
}

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function analysisFor(reason: string): NonNullable<CdxVulnerability['analysis']> {
  const state = /false[ _-]?positive/i.test(reason)
    ? 'false_positive'
    : /resolved|fixed/i.test(reason)
      ? 'resolved'
      : 'not_affected';
  return { state, detail: reason };
}

export function buildCycloneDxReport(result: ScanResult, opts: ReportOptions = {}) {
  const built = buildCycloneDx(result.sbom, {
    deterministic: opts.deterministic,
    timestamp: result.scannedAt,
  });
  const entries = new Map<string, CdxVulnerability>();
  const add = (f: Finding, suppressedReason?: string) => {
    const ref = built.refFor(f.package);
    if (!ref) return;
    const key = `${f.id}${suppressedReason === undefined ? '' : ':suppressed'}`;
    let v = entries.get(key);
    if (!v) {
      const advisory = f.evidence[0]?.advisoryId ?? f.id;
      v = {
        'bom-ref': `vuln:${key}`,
        id: f.id,
        source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(advisory)}` },
        ratings: ratings(f),
        affects: [],
      };
      if (f.aliases.length > 0) v.references = f.aliases.map((id) => ({ id, source: { name: 'OSV' } }));
      if (f.summary) v.description = f.summary;
      const refs = f.references.length > 0 ? f.references : [helpUri(f)];
      v.advisories = refs.map((url) => ({ url }));
      const published = isoDate(f.published);
      if (published) v.published = published;
      if (suppressedReason !== undefined) v.analysis = analysisFor(suppressedReason);
      if (f.fixedVersions.length > 0) {
        v.properties = [{ name: 'bulwark:vulnerability:fixedVersions', value: f.fixedVersions.join(', ') }];
      }
      entries.set(key, v);
    }
    if (!v.affects.some((a) => a.ref === ref)) {
      v.affects.push({ ref, versions: [{ version: f.installedVersion, status: 'affected' }] });
    }
  };
  for (const f of sortFindings(result.findings)) add(f);
  for (const s of result.suppressed) add(s.finding, s.reason);
  // Missing data, end-of-life OS, stale database: what an empty `vulnerabilities` cannot vouch for.
  const warnings = (result.warnings ?? []).map((w) => ({
    name: `bulwark:warning:${w.kind}`,
    value: w.message,
  }));
  return {
    ...built.bom,
    ...(warnings.length > 0
      ? {
          metadata: {
            ...built.bom.metadata,
            properties: [...(built.bom.metadata.properties ?? []), ...warnings],
          },
        }
      : {}),
    vulnerabilities: [...entries.values()],
  };
}

export const cyclonedxReport: ReportFormat = {
  name: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON with vulnerabilities (and VEX analysis for suppressed ones)',
  write: (result, opts) => `${JSON.stringify(buildCycloneDxReport(result, opts), null, 2)}\n`,
};
