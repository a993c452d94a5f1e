import type { Package, Sbom } from '../model.js';
import { purlFor } from '../purl.js';
import { ociPurl } from './cyclonedx-encoder.js';
import type { EncodeOptions, SbomFormat } from './format-types.js';
import { documentUuid } from './ids.js';
import { LicenseRefs, spdxExpressionFor } from './license-expression.js';
import { sortPackages } from './package-order.js';
import { toolInfo } from './tool-info.js';

/** The subset of SPDX 2.3 JSON that Bulwark writes and reads. */
export interface SpdxExternalRef {
  referenceCategory: 'PACKAGE-MANAGER' | 'SECURITY' | 'PERSISTENT-ID' | 'OTHER';
  referenceType: string;
  referenceLocator: string;
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: boolean;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: string;
  supplier?: string;
  sourceInfo?: string;
  comment?: string;
  description?: string;
  primaryPackagePurpose?: 'CONTAINER' | 'OPERATING_SYSTEM' | 'LIBRARY' | 'APPLICATION';
  externalRefs?: SpdxExternalRef[];
}

export interface SpdxDocument {
  spdxVersion: string;
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[]; comment?: string };
  packages: SpdxPackage[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText: string; name?: string }[];
  documentDescribes?: string[];
}

/** SPDXIDs allow letters, digits, `.` and `-` only. */
function spdxIdFor(kind: string, text: string, used: Set<string>): string {
  const base = `SPDXRef-${kind}-${text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

const noAssertion = 'NOASSERTION';

/**
 * Where a package was found, in words: SPDX 2.3 has no typed field for it. The decoder
 * reads this back, so keep the shape: `layer <index> (<diffID>) path <path>`.
 */
function sourceInfo(pkg: Package): string {
  const layer = pkg.location.layer;
  const where = layer ? `layer ${layer.index} (${layer.diffID}) ` : '';
  return `${where}path ${pkg.location.path}`;
}

export function buildSpdx(sbom: Sbom, opts: EncodeOptions = {}): SpdxDocument {
  const used = new Set<string>();
  const refs = new LicenseRefs();
  const imageId = spdxIdFor('Image', sbom.image.ref, used);
  const image: SpdxPackage = {
    SPDXID: imageId,
    name: sbom.image.ref,
    versionInfo: sbom.image.imageId,
    downloadLocation: noAssertion,
    filesAnalyzed: false,
    licenseConcluded: noAssertion,
    licenseDeclared: noAssertion,
    copyrightText: noAssertion,
    primaryPackagePurpose: 'CONTAINER',
  };
  const imagePurl = ociPurl(sbom.image);
  if (imagePurl) {
    image.externalRefs = [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: imagePurl },
    ];
  }
  const packages: SpdxPackage[] = [image];
  const relationships: SpdxDocument['relationships'] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
  ];
  if (sbom.os) {
    const osId = spdxIdFor('OperatingSystem', `${sbom.os.family}-${sbom.os.version}`, used);
    const os: SpdxPackage = {
      SPDXID: osId,
      name: sbom.os.family,
      downloadLocation: noAssertion,
      filesAnalyzed: false,
      licenseConcluded: noAssertion,
      licenseDeclared: noAssertion,
      copyrightText: noAssertion,
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    };
    if (sbom.os.version) os.versionInfo = sbom.os.version;
    if (sbom.os.name) os.description = sbom.os.name;
    packages.push(os);
    relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: osId });
  }
  for (const pkg of sortPackages(sbom.packages)) {
    const id = spdxIdFor('Package', `${pkg.type}-${pkg.name}-${pkg.version}`, used);
    const purl = pkg.purl ?? purlFor(pkg, sbom.os);
    const p: SpdxPackage = {
      SPDXID: id,
      name: pkg.name,
      versionInfo: pkg.version,
      downloadLocation: noAssertion,
      filesAnalyzed: false,
      licenseConcluded: noAssertion,
      licenseDeclared: spdxExpressionFor(pkg.licenses, refs),
      copyrightText: noAssertion,
      sourceInfo: sourceInfo(pkg),
      primaryPackagePurpose: 'LIBRARY',
    };
    // A package no purl fits (a Maven artifact without its group) is listed without one.
    if (purl)
      p.externalRefs = [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl },
      ];
    packages.push(p);
    relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  const uuid = documentUuid(`spdx:${sbom.image.imageId}`, opts.deterministic);
  const doc: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: sbom.image.ref,
    documentNamespace: `https://bulwark.dev/spdxdocs/${encodeURIComponent(sbom.image.ref)}-${uuid}`,
    creationInfo: {
      created: (opts.timestamp ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: ${toolInfo.name}-${toolInfo.version}`],
    },
    packages,
    relationships,
  };
  const extracted = refs.entries();
  if (extracted.length > 0) {
    // Every LicenseRef used in an expression must be defined in the document.
    doc.hasExtractedLicensingInfos = extracted.map((e) => ({
      licenseId: e.licenseId,
      extractedText: e.name,
      name: e.name,
    }));
  }
  return doc;
}

export const spdxJson: SbomFormat = {
  name: 'spdx-json',
  description: 'SPDX 2.3 JSON',
  encode: (sbom, opts) => `${JSON.stringify(buildSpdx(sbom, opts), null, 2)}\n`,
};
