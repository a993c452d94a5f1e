import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';
import { shortHash } from '../sbom/format/ids.js';
import { toolInfo } from '../sbom/format/tool-info.js';
import { purlFor } from '../sbom/purl.js';
import { findingMessage, helpUri, sortFindings } from './report-summary.js';
import type { ReportFormat } from './report-types.js';

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one rule per vulnerability id with a
 * `security-severity` score (GitHub buckets it into critical/high/medium/low), one
 * result per affected package, located at the file the package was found in.
 */
type Level = 'error' | 'warning' | 'note';

function level(s: Severity): Level {
  return s >= 4 ? 'error' : s === 3 ? 'warning' : 'note';
}

/** Without a CVSS score, a representative score inside GitHub's bucket for the severity. */
const scoreBySeverity: Record<Severity, number> = { 5: 9.5, 4: 8.0, 3: 5.5, 2: 2.5, 1: 0.5 };

function securitySeverity(f: Finding): string {
  return (f.cvss?.score ?? scoreBySeverity[f.severity]).toFixed(1);
}

function helpText(f: Finding): string {
  const description = f.description ? ['', f.description, ''] : [];
  return [f.summary ?? f.id, ...description, ...f.references].join('\n');
}

function rule(f: Finding) {
  return {
    id: f.id,
    name: f.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: f.summary ?? f.id },
    // The advisory's own text, so code scanning shows what the vulnerability is, not only its id.
    fullDescription: { text: f.description ?? (f.summary ? `${f.id}: ${f.summary}` : f.id) },
    helpUri: helpUri(f),
    help: { text: helpText(f) },
    defaultConfiguration: { level: level(f.severity) },
    properties: {
      'security-severity': securitySeverity(f),
      precision: 'very-high',
      tags: ['security', 'vulnerability', severityNames[f.severity], ...f.aliases],
    },
  };
}

export function buildSarif(result: ScanResult) {
  const findings = sortFindings(result.findings);
  const rules: ReturnType<typeof rule>[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of findings) {
    if (ruleIndex.has(f.id)) continue;
    ruleIndex.set(f.id, rules.length);
    rules.push(rule(f));
  }
  const results = findings.map((f) => {
    const purl = f.package.purl ?? purlFor(f.package, result.sbom.os);
    return {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id) ?? 0,
      level: level(f.severity),
      message: { text: findingMessage(f) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: encodeURI(f.package.location.path) } },
          logicalLocations: [{ name: f.package.name, fullyQualifiedName: purl, kind: 'package' }],
        },
      ],
      // Stable across scans of new builds: the same vulnerability in the same package at the same path.
      partialFingerprints: {
        'bulwarkFinding/v1': shortHash(`${f.id}|${purl}|${f.package.location.path}`, 32),
      },
      properties: {
        installedVersion: f.installedVersion,
        fixedVersions: f.fixedVersions,
        patchable: f.patchable,
        severity: severityNames[f.severity],
        ...(f.package.location.layer ? { layerDiffID: f.package.location.layer.diffID } : {}),
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: toolInfo.name,
            version: toolInfo.version,
            semanticVersion: toolInfo.version,
            informationUri: toolInfo.informationUri,
            rules,
          },
        },
        // Missing data, end-of-life OS, stale database: what an empty `results` cannot vouch for.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (result.warnings ?? []).map((w) => ({
              level: 'warning',
              message: { text: w.message },
              descriptor: { id: `bulwark/${w.kind}` },
            })),
          },
        ],
        properties: {
          image: result.sbom.image.ref,
          imageId: result.sbom.image.imageId,
          warnings: (result.warnings ?? []).map((w) => w.message),
        },
        results,
      },
    ],
  };
}

export const sarifReport: ReportFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0 (GitHub code scanning)',
  write: (result) => `${JSON.stringify(buildSarif(result), null, 2)}\n`,
};
