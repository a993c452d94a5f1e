import { BulwarkError } from '../../errors.js';
import { isRecord } from '../../json-guards.js';
import type {
  ImageDescription,
  LayerInfo,
  OSInfo,
  Package,
  PackageType,
  Sbom,
  SourceKind,
} from '../model.js';
import { bulwarkProperty as P } from './bulwark-properties.js';
import { arr, imagePath, type Json, osFamily, osFromDistro, packageFromPurl, str } from './decode-common.js';

/**
 * CycloneDX JSON (1.4 and later) to the model. Bulwark's own documents carry every
 * field as `bulwark:` properties; Trivy's (`aquasecurity:trivy:*`) and Syft's
 * (`syft:*`) carry the layer, path and source under their own names, read here too.
 */
type Props = Map<string, string[]>;

function propsOf(c: Json): Props {
  const out: Props = new Map();
  for (const p of arr(c.properties)) {
    if (!isRecord(p)) continue;
    const name = str(p.name);
    const value = typeof p.value === 'string' ? p.value : undefined;
    if (name === undefined || value === undefined) continue;
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

function first(props: Props, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = props.get(n)?.[0];
    if (v) return v;
  }
  return undefined;
}

/** Components may nest (an application holding its libraries); flatten them. */
function allComponents(list: unknown, out: Json[] = []): Json[] {
  for (const c of arr(list)) {
    if (!isRecord(c)) continue;
    out.push(c);
    allComponents(c.components, out);
  }
  return out;
}

function licensesOf(c: Json): string[] | undefined {
  const out: string[] = [];
  for (const l of arr(c.licenses)) {
    if (!isRecord(l)) continue;
    const expr = str(l.expression);
    if (expr) out.push(expr);
    if (isRecord(l.license)) {
      const v = str(l.license.id) ?? str(l.license.name);
      if (v) out.push(v);
    }
  }
  return out.length > 0 ? out : undefined;
}

const sourceKinds: readonly SourceKind[] = [
  'docker-archive',
  'oci',
  'oci-archive',
  'docker',
  'registry',
  'dir',
  'rootfs',
  'sbom',
];

function imageOf(c: Json | undefined): ImageDescription {
  const props = c ? propsOf(c) : new Map();
  const version = str(c?.version);
  const kind = first(props, P.imageKind) as SourceKind | undefined;
  const image: ImageDescription = {
    ref: str(c?.name) ?? '',
    kind: kind && sourceKinds.includes(kind) ? kind : 'sbom',
    imageId:
      first(props, P.imageId, 'aquasecurity:trivy:ImageID') ??
      (version?.startsWith('sha256:') ? version : ''),
    repoTags: props.get(P.repoTag) ?? props.get('aquasecurity:trivy:RepoTag') ?? [],
    repoDigests: props.get(P.repoDigest) ?? props.get('aquasecurity:trivy:RepoDigest') ?? [],
  };
  const manifestDigest = first(props, P.manifestDigest);
  if (manifestDigest) image.manifestDigest = manifestDigest;
  const architecture = first(props, P.architecture);
  if (architecture) image.architecture = architecture;
  const os = first(props, P.imageOs);
  if (os) image.os = os;
  return image;
}

function osOf(c: Json): OSInfo {
  const props = propsOf(c);
  const os: OSInfo = {
    family: osFamily(str(c.name)),
    version: str(c.version) ?? '',
    name: first(props, P.osName) ?? str(c.description) ?? '',
  };
  const codename = first(props, P.osCodename, 'syft:distro:versionCodename');
  if (codename) os.codename = codename;
  if (first(props, P.distroless) === 'true') os.distroless = true;
  return os;
}

function packageOf(c: Json, diffIDs: string[]): Package | undefined {
  const purl = str(c.purl);
  const fromPurl = purl ? packageFromPurl(purl) : undefined;
  const props = propsOf(c);
  const type = (first(props, P.type) as PackageType | undefined) ?? fromPurl?.pkg.type;
  if (!type) return undefined;
  const pkg: Package = fromPurl?.pkg ?? { type, name: '', version: '', location: { path: '' } };
  pkg.type = type;
  const group = str(c.group);
  const cname = str(c.name);
  const explicitName = first(props, P.name);
  if (explicitName) pkg.name = explicitName;
  else if (type === 'maven' && group && cname) pkg.name = `${group}:${cname}`;
  else if (type === 'npm' && group && cname) pkg.name = `${group}/${cname}`;
  else if (!pkg.name || (type !== 'maven' && cname)) pkg.name = cname ?? pkg.name;
  const version = str(c.version) ?? first(props, P.version);
  // Foreign rpm versions leave the epoch to the purl; keep the one that carries it.
  if (version && !(type === 'rpm' && /^\d+:/.test(pkg.version) && !/^\d+:/.test(version)))
    pkg.version = version;
  const arch = first(props, P.arch);
  if (arch) pkg.arch = arch;
  const epoch = first(props, P.epoch);
  if (epoch && /^\d+$/.test(epoch)) pkg.epoch = Number(epoch);
  const namespace = first(props, P.namespace) ?? (type === 'maven' ? group : undefined);
  if (namespace) pkg.namespace = namespace;
  const srcName = first(props, P.sourceName, 'aquasecurity:trivy:SrcName', 'syft:metadata:source');
  const srcVersion = first(props, P.sourceVersion, 'syft:metadata:sourceVersion');
  const trivySrcVersion = first(props, 'aquasecurity:trivy:SrcVersion');
  if (srcName) {
    const purlSource = pkg.source;
    const v =
      srcVersion ?? trivySrcVersion ?? (srcName === purlSource?.name ? purlSource.version : undefined);
    pkg.source = { name: srcName, ...(v ? { version: v } : {}) };
  }
  const licenses = licensesOf(c);
  if (licenses) pkg.licenses = licenses;
  const path = first(props, P.path, 'aquasecurity:trivy:FilePath', 'syft:location:0:path');
  pkg.location = { path: path ? imagePath(path) : '' };
  const diffID = first(props, P.layerDiffID, 'aquasecurity:trivy:LayerDiffID', 'syft:location:0:layerID');
  if (diffID) {
    const indexText = first(props, P.layerIndex);
    const index = indexText !== undefined ? Number(indexText) : diffIDs.indexOf(diffID);
    const digest = first(props, P.layerDigest, 'aquasecurity:trivy:LayerDigest');
    pkg.location.layer = { index, diffID, ...(digest ? { digest } : {}) };
  }
  const occurrences = isRecord(c.evidence) ? arr(c.evidence.occurrences) : [];
  const others = occurrences
    .map((o) => (isRecord(o) ? str(o.location) : undefined))
    .filter((p): p is string => p !== undefined)
    .map(imagePath)
    .filter((p) => p !== pkg.location.path);
  if (others.length > 0) pkg.otherLocations = others.map((p) => ({ path: p }));
  if (first(props, P.dev) === 'true') pkg.dev = true;
  const confidence = first(props, P.confidence);
  if (confidence === 'high' || confidence === 'low') pkg.confidence = confidence;
  if (purl) pkg.purl = purl;
  return pkg;
}

function layersOf(image: Json | undefined, packages: Package[]): LayerInfo[] {
  const props = image ? propsOf(image) : new Map<string, string[]>();
  const diffIDs: string[] = props.get(P.layerDiffID) ?? props.get('aquasecurity:trivy:DiffID') ?? [];
  const digests: string[] = props.get(P.layerDigest) ?? [];
  const layers: LayerInfo[] = diffIDs.map((diffID, index) => ({
    index,
    diffID,
    digest: digests[index] ?? '',
  }));
  for (const p of packages) {
    const l = p.location.layer;
    if (l && !layers.some((x) => x.diffID === l.diffID)) {
      layers.push({ index: l.index, diffID: l.diffID, digest: l.digest ?? '' });
    }
  }
  return layers.sort((a, b) => a.index - b.index);
}

export function decodeCycloneDx(doc: Json, path: string): Sbom {
  const spec = str(doc.specVersion) ?? '';
  const [major, minor] = spec.split('.').map(Number);
  if (major !== 1 || minor === undefined || minor < 4) {
    throw new BulwarkError(
      'INPUT_INVALID',
      `${path}: CycloneDX specVersion "${spec}" is not supported (1.4 or later)`,
    );
  }
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const imageComponent = isRecord(metadata.component) ? metadata.component : undefined;
  const imageDiffIDs = imageComponent
    ? (propsOf(imageComponent).get(P.layerDiffID) ??
      propsOf(imageComponent).get('aquasecurity:trivy:DiffID') ??
      [])
    : [];
  let os: OSInfo | undefined;
  const packages: Package[] = [];
  for (const c of allComponents(doc.components)) {
    if (c.type === 'operating-system') {
      os ??= osOf(c);
      continue;
    }
    const pkg = packageOf(c, imageDiffIDs);
    if (pkg) packages.push(pkg);
  }
  if (!os) {
    for (const p of packages) {
      const parsed = p.purl ? packageFromPurl(p.purl)?.parsed : undefined;
      os = parsed ? osFromDistro(parsed) : undefined;
      if (os) break;
    }
  }
  const sbom: Sbom = {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: imageOf(imageComponent),
    layers: layersOf(imageComponent, packages),
    packages,
    unknowns: [],
  };
  if (os) sbom.os = os;
  return sbom;
}
