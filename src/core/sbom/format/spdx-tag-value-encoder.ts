/**
 * SPDX 2.3 tag-value, the text form of SPDX some compliance tools still want.
 * Written from the same document as the SPDX JSON encoder (one model, two syntaxes);
 * free text goes inside `<text>…</text>` as the spec requires for multi-line values.
 */
import type { SbomFormat } from './format-types.js';
import { buildSpdx, type SpdxDocument, type SpdxPackage } from './spdx-encoder.js';

/** Tag-value has no escape for `</text>` inside a text block; it is the one sequence altered. */
function text(value: string): string {
  return `<text>${value.replace(/<\/text>/gi, '< /text>')}</text>`;
}

/** One-line values cannot hold a line break; those few fall back to a text block. */
function single(value: string): string {
  return /[\r\n]/.test(value) ? text(value) : value;
}

function packageLines(p: SpdxPackage): string[] {
  const lines = [
    `##### Package: ${single(p.name)}`,
    '',
    `PackageName: ${single(p.name)}`,
    `SPDXID: ${p.SPDXID}`,
  ];
  if (p.versionInfo) lines.push(`PackageVersion: ${single(p.versionInfo)}`);
  if (p.supplier) lines.push(`PackageSupplier: ${single(p.supplier)}`);
  lines.push(`PackageDownloadLocation: ${single(p.downloadLocation)}`, `FilesAnalyzed: ${p.filesAnalyzed}`);
  if (p.sourceInfo) lines.push(`PackageSourceInfo: ${text(p.sourceInfo)}`);
  lines.push(
    `PackageLicenseConcluded: ${single(p.licenseConcluded)}`,
    `PackageLicenseDeclared: ${single(p.licenseDeclared)}`,
    `PackageCopyrightText: ${p.copyrightText === 'NOASSERTION' ? 'NOASSERTION' : text(p.copyrightText)}`,
  );
  if (p.description) lines.push(`PackageDescription: ${text(p.description)}`);
  if (p.comment) lines.push(`PackageComment: ${text(p.comment)}`);
  for (const ref of p.externalRefs ?? [])
    lines.push(`ExternalRef: ${ref.referenceCategory} ${ref.referenceType} ${ref.referenceLocator}`);
  if (p.primaryPackagePurpose) lines.push(`PrimaryPackagePurpose: ${p.primaryPackagePurpose}`);
  return lines;
}

export function spdxTagValue(doc: SpdxDocument): string {
  const lines = [
    `SPDXVersion: ${doc.spdxVersion}`,
    `DataLicense: ${doc.dataLicense}`,
    `SPDXID: ${doc.SPDXID}`,
    `DocumentName: ${single(doc.name)}`,
    `DocumentNamespace: ${doc.documentNamespace}`,
    ...doc.creationInfo.creators.map((c) => `Creator: ${single(c)}`),
    `Created: ${doc.creationInfo.created}`,
  ];
  if (doc.creationInfo.comment) lines.push(`CreatorComment: ${text(doc.creationInfo.comment)}`);
  for (const p of doc.packages) lines.push('', ...packageLines(p));
  lines.push('', '##### Relationships', '');
  for (const r of doc.relationships)
    lines.push(`Relationship: ${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`);
  for (const license of doc.hasExtractedLicensingInfos ?? []) {
    lines.push('', `LicenseID: ${license.licenseId}`, `ExtractedText: ${text(license.extractedText)}`);
    if (license.name) lines.push(`LicenseName: ${single(license.name)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const spdxTv: SbomFormat = {
  name: 'spdx',
  description: 'SPDX 2.3 tag-value',
  encode: (sbom, opts) => spdxTagValue(buildSpdx(sbom, opts)),
};
