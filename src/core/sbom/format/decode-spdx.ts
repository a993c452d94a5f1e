import { isRecord } from '../../json-guards.js';
import type { ImageDescription, LayerInfo, OSInfo, Package, Sbom, Unknown } from '../model.js';
import { arr, imagePath, type Json, osFamily, osFromDistro, packageFromPurl, str } from './decode-common.js';
import { chooseSpdxVersion } from './spdx-version.js';

/**
 * SPDX 2.2 / 2.3 JSON to the model. SPDX has no typed place for the layer or path, so
 * they come from `sourceInfo` (Bulwark: `layer 1 (sha256:…) path var/lib/dpkg/status`;
 * Syft: `acquired package info from DPKG DB: /var/lib/dpkg/status`) and from Trivy's
 * `attributionTexts` (`LayerDiffID: sha256:…`).
 */
function purlOf(p: Json): string | undefined {
  for (const ref of arr(p.externalRefs)) {
    if (isRecord(ref) && ref.referenceType === 'purl') return str(ref.referenceLocator);
  }
  return undefined;
}

/** Splits `A AND (B OR C)` at top-level ANDs: the encoder joins a package's licenses that way. */
function splitTopLevelAnd(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && expr.startsWith(' AND ', i)) {
      parts.push(expr.slice(start, i));
      start = i + 5;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim().replace(/^\((.*)\)$/, '$1'));
}

function licensesOf(p: Json, refNames: Map<string, string>): string[] | undefined {
  const declared = str(p.licenseDeclared) ?? str(p.licenseConcluded);
  if (!declared || declared === 'NOASSERTION' || declared === 'NONE') return undefined;
  return splitTopLevelAnd(declared).map((l) => refNames.get(l) ?? l);
}

const bulwarkSourceInfo = /^(?:layer (-?\d+) \(([^)]+)\) )?path (.*)$/;

function locate(pkg: Package, p: Json, diffIDs: string[]): void {
  const info = str(p.sourceInfo);
  const ours = info ? bulwarkSourceInfo.exec(info) : null;
  if (ours) {
    pkg.location = { path: ours[3] ?? '' };
    if (ours[1] !== undefined && ours[2]) pkg.location.layer = { index: Number(ours[1]), diffID: ours[2] };
    return;
  }
  const syftPath = info ? /:\s+(\/[^,\s]+)/.exec(info) : null;
  pkg.location = { path: syftPath?.[1] ? imagePath(syftPath[1]) : '' };
  const trivySource = info ? /^built package from: (\S+)(?: (\S+))?$/.exec(info) : null;
  if (trivySource?.[1])
    pkg.source = { name: trivySource[1], ...(trivySource[2] ? { version: trivySource[2] } : {}) };
  for (const t of arr(p.attributionTexts)) {
    const m = typeof t === 'string' ? /^LayerDiffID: (\S+)$/.exec(t) : null;
    if (m?.[1]) pkg.location.layer = { index: diffIDs.indexOf(m[1]), diffID: m[1] };
  }
}

function packageOf(
  p: Json,
  refNames: Map<string, string>,
  diffIDs: string[],
  notes: Unknown[],
): Package | undefined {
  const purl = purlOf(p);
  const fromPurl = purl ? packageFromPurl(purl) : undefined;
  if (!fromPurl) return undefined;
  const pkg = fromPurl.pkg;
  const name = str(p.name);
  // Maven's group only lives in the purl; the other types keep the document's spelling.
  if (name && !(pkg.type === 'maven' && fromPurl.parsed.namespace && !name.includes(':'))) pkg.name = name;
  const chosen = chooseSpdxVersion(pkg.version, str(p.versionInfo));
  pkg.version = chosen.version;
  if (chosen.note)
    notes.push({ path: str(p.SPDXID) ?? pkg.name, analyzer: 'sbom/spdx', reason: chosen.note });
  const licenses = licensesOf(p, refNames);
  if (licenses) pkg.licenses = licenses;
  locate(pkg, p, diffIDs);
  return pkg;
}

export function decodeSpdx(doc: Json): Sbom {
  const refNames = new Map<string, string>();
  for (const e of arr(doc.hasExtractedLicensingInfos)) {
    if (!isRecord(e)) continue;
    const id = str(e.licenseId);
    const text = str(e.name) ?? str(e.extractedText);
    if (id && text) refNames.set(id, text);
  }
  const described = new Set<string>(
    arr(doc.documentDescribes).filter((x): x is string => typeof x === 'string'),
  );
  for (const r of arr(doc.relationships)) {
    if (isRecord(r) && r.relationshipType === 'DESCRIBES' && typeof r.relatedSpdxElement === 'string') {
      described.add(r.relatedSpdxElement);
    }
  }
  const all = arr(doc.packages).filter(isRecord);
  const imagePkg =
    all.find((p) => p.primaryPackagePurpose === 'CONTAINER') ??
    all.find(
      (p) => typeof p.SPDXID === 'string' && described.has(p.SPDXID) && !packageFromPurl(purlOf(p) ?? ''),
    );
  let os: OSInfo | undefined;
  const packages: Package[] = [];
  const notes: Unknown[] = [];
  for (const p of all) {
    if (p === imagePkg) continue;
    if (p.primaryPackagePurpose === 'OPERATING_SYSTEM' || p.primaryPackagePurpose === 'OPERATING-SYSTEM') {
      os ??= {
        family: osFamily(str(p.name)),
        version: str(p.versionInfo) ?? '',
        name: str(p.description) ?? '',
      };
      continue;
    }
    const pkg = packageOf(p, refNames, [], notes);
    if (pkg) packages.push(pkg);
  }
  if (!os) {
    for (const p of packages) {
      const parsed = p.purl ? packageFromPurl(p.purl)?.parsed : undefined;
      os = parsed ? osFromDistro(parsed) : undefined;
      if (os) break;
    }
  }
  const version = str(imagePkg?.versionInfo);
  const image: ImageDescription = {
    ref: str(imagePkg?.name) ?? str(doc.name) ?? '',
    kind: 'sbom',
    imageId: version?.startsWith('sha256:') ? version : '',
    repoTags: [],
    repoDigests: [],
  };
  const layers: LayerInfo[] = [];
  for (const p of packages) {
    const l = p.location.layer;
    if (l && !layers.some((x) => x.diffID === l.diffID))
      layers.push({ index: l.index, diffID: l.diffID, digest: '' });
  }
  const sbom: Sbom = {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image,
    layers: layers.sort((a, b) => a.index - b.index),
    packages,
    unknowns: notes,
  };
  if (os) sbom.os = os;
  return sbom;
}
