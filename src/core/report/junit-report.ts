import type { Finding, ScanResult } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';
import { findingMessage, fixText, sortFindings } from './report-summary.js';
import type { ReportFormat } from './report-types.js';
import { escapeXml as x } from './xml-escape.js';

/**
 * JUnit XML for CI dashboards: one testsuite per vulnerable package, one failing
 * testcase per finding. A clean image gives a single passing testcase, so CI still
 * shows that a scan ran.
 */
function testcase(f: Finding): string {
  const classname = `${f.package.type}.${f.package.name}`;
  const details = [
    `Package: ${f.package.name} ${f.installedVersion} (${f.package.type})`,
    `Path: ${f.package.location.path}`,
    `Severity: ${severityNames[f.severity]}${f.cvss ? ` (CVSS ${f.cvss.version} ${f.cvss.score})` : ''}`,
    `Fixed in: ${fixText(f)}`,
    ...(f.summary ? [`Summary: ${f.summary}`] : []),
    ...f.references.map((r) => `Reference: ${r}`),
  ].join('\n');
  return [
    `    <testcase classname="${x(classname)}" name="${x(`${f.id} (${severityNames[f.severity]})`)}">`,
    `      <failure message="${x(findingMessage(f))}" type="${severityNames[f.severity]}">${x(details)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export function buildJunit(result: ScanResult): string {
  const findings = sortFindings(result.findings);
  const suites: string[] = [];
  const byPackage = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.package.type}:${f.package.name}@${f.installedVersion} ${f.package.location.path}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), f]);
  }
  for (const [key, group] of byPackage) {
    suites.push(
      [
        `  <testsuite name="${x(key)}" tests="${group.length}" failures="${group.length}" errors="0" skipped="0" timestamp="${x(result.scannedAt)}">`,
        ...group.map(testcase),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  if (suites.length === 0) {
    suites.push(
      [
        `  <testsuite name="${x(result.sbom.image.ref)}" tests="1" failures="0" errors="0" skipped="0" timestamp="${x(result.scannedAt)}">`,
        `    <testcase classname="${x(result.sbom.image.ref)}" name="no vulnerabilities"/>`,
        '  </testsuite>',
      ].join('\n'),
    );
  }
  // What could not be checked is a skipped test, so CI dashboards count it, not pass it.
  const warnings = result.warnings ?? [];
  if (warnings.length > 0) {
    suites.push(
      [
        `  <testsuite name="bulwark warnings" tests="${warnings.length}" failures="0" errors="0" skipped="${warnings.length}" timestamp="${x(result.scannedAt)}">`,
        ...warnings.map(
          (w) =>
            `    <testcase classname="bulwark.${x(w.kind)}" name="${x(w.message)}"><skipped message="${x(w.message)}"/></testcase>`,
        ),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const tests = Math.max(findings.length, 1) + warnings.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`bulwark ${result.sbom.image.ref}`)}" tests="${tests}" failures="${findings.length}" errors="0"${warnings.length > 0 ? ` skipped="${warnings.length}"` : ''}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export const junitReport: ReportFormat = {
  name: 'junit',
  description: 'JUnit XML, one failing testcase per finding',
  write: (result) => buildJunit(result),
};
