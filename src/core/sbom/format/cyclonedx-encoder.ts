import { PackageURL } from 'packageurl-js';
import type { ImageDescription, LayerInfo, OSInfo, Package, Sbom } from '../model.js';
import { purlFor } from '../purl.js';
import { bulwarkProperty as P, properties } from './bulwark-properties.js';
import type { CdxBom, CdxComponent, CdxDependency, CdxLicenseChoice } from './cyclonedx-types.js';
import type { EncodeOptions, SbomFormat } from './format-types.js';
import { documentUuid } from './ids.js';
import { classifyLicense } from './license-expression.js';
import { isOsPackage, packageKey, sortPackages } from './package-order.js';
import { toolInfo } from './tool-info.js';

/** A built CycloneDX document plus the bom-ref of each package, for writers that add vulnerabilities. */
export interface CdxBuild {
  bom: CdxBom;
  imageRef: string;
  refFor(pkg: Package): string | undefined;
}

/** `pkg:oci/debian@sha256:…?repository_url=docker.io/library/debian` from a repo digest, when there is one. */
export function ociPurl(image: ImageDescription): string | undefined {
  const repoDigest = image.repoDigests[0];
  const at = repoDigest?.lastIndexOf('@') ?? -1;
  if (!repoDigest || at < 0) return undefined;
  const repo = repoDigest.slice(0, at);
  const digest = repoDigest.slice(at + 1);
  const name = repo.slice(repo.lastIndexOf('/') + 1).toLowerCase();
  const tagged = image.repoTags.find((t) => t.startsWith(`${repo}:`));
  const q: Record<string, string> = { repository_url: repo };
  if (image.architecture) q.arch = image.architecture;
  if (tagged) q.tag = tagged.slice(repo.length + 1);
  try {
    return new PackageURL('oci', undefined, name, digest, q).toString();
  } catch {
    return undefined;
  }
}

function imageComponent(image: ImageDescription, layers: readonly LayerInfo[], ref: string): CdxComponent {
  const c: CdxComponent = { type: 'container', 'bom-ref': ref, name: image.ref, version: image.imageId };
  const purl = ociPurl(image);
  if (purl) c.purl = purl;
  c.properties = properties([
    [P.imageKind, image.kind],
    [P.imageId, image.imageId],
    ...image.repoTags.map((t): [string, string] => [P.repoTag, t]),
    ...image.repoDigests.map((d): [string, string] => [P.repoDigest, d]),
    [P.manifestDigest, image.manifestDigest],
    [P.architecture, image.architecture],
    [P.imageOs, image.os],
    // Layers in order, so readers can map a package's diffID back to its index.
    ...layers.map((l): [string, string] => [P.layerDiffID, l.diffID]),
    ...layers.map((l): [string, string] => [P.layerDigest, l.digest]),
  ]);
  return c;
}

function osComponent(os: OSInfo, ref: string): CdxComponent {
  const c: CdxComponent = { type: 'operating-system', 'bom-ref': ref, name: os.family };
  if (os.version) c.version = os.version;
  if (os.name) c.description = os.name;
  c.properties = properties([
    [P.osName, os.name],
    [P.osCodename, os.codename],
    [P.distroless, os.distroless],
  ]);
  return c;
}

/** CycloneDX wants either license objects or exactly one expression, never both. */
export function cdxLicenses(licenses: readonly string[] | undefined): CdxLicenseChoice[] | undefined {
  const texts = (licenses ?? []).map((l) => l.trim()).filter((l) => l.length > 0);
  if (texts.length === 0) return undefined;
  const kinds = texts.map(classifyLicense);
  const [only] = kinds;
  if (kinds.length === 1 && only?.kind === 'expression') return [{ expression: only.expression }];
  return kinds.map((k) =>
    k.kind === 'id'
      ? { license: { id: k.id } }
      : { license: { name: k.kind === 'expression' ? k.expression : k.name } },
  );
}

const cdxMaxVersion = 1024;

function packageComponent(pkg: Package, ref: string, purl: string | undefined): CdxComponent {
  const c: CdxComponent = { type: 'library', 'bom-ref': ref, name: pkg.name };
  // The schema caps versions at 1024 characters; a longer one (hostile or broken) is kept whole in a property.
  const longVersion = pkg.version.length > cdxMaxVersion;
  if (!longVersion) c.version = pkg.version;
  if (purl) c.purl = purl;
  if (pkg.type === 'maven') {
    const i = pkg.name.indexOf(':');
    const group = i >= 0 ? pkg.name.slice(0, i) : pkg.namespace;
    if (group) c.group = group;
    c.name = i >= 0 ? pkg.name.slice(i + 1) : pkg.name;
  }
  const licenses = cdxLicenses(pkg.licenses);
  if (licenses) c.licenses = licenses;
  if (pkg.otherLocations?.length) {
    // One package seen in several files (node_modules and the lockfile): the first is `location`.
    c.evidence = {
      occurrences: [pkg.location, ...pkg.otherLocations].map((l) => ({ location: l.path })),
    };
  }
  const layer = pkg.location.layer;
  c.properties = properties([
    [P.type, pkg.type],
    [P.name, c.name === pkg.name ? undefined : pkg.name],
    [P.version, longVersion ? pkg.version : undefined],
    [P.namespace, pkg.namespace],
    [P.arch, pkg.arch],
    [P.epoch, pkg.epoch],
    [P.sourceName, pkg.source?.name],
    [P.sourceVersion, pkg.source?.version],
    [P.path, pkg.location.path],
    [P.layerIndex, layer?.index],
    [P.layerDiffID, layer?.diffID],
    [P.layerDigest, layer?.digest],
    [P.dev, pkg.dev],
    [P.confidence, pkg.confidence],
  ]);
  return c;
}

export function buildCycloneDx(sbom: Sbom, opts: EncodeOptions = {}): CdxBuild {
  const imageRef = `image:${sbom.image.imageId || sbom.image.ref}`;
  const osRef = sbom.os ? `os:${sbom.os.family}@${sbom.os.version || 'unknown'}` : undefined;
  const refs = new Map<string, string>();
  const used = new Set<string>([imageRef, ...(osRef ? [osRef] : [])]);
  const components: CdxComponent[] = [];
  if (sbom.os && osRef) components.push(osComponent(sbom.os, osRef));
  const osDeps: string[] = [];
  const imageDeps: string[] = osRef ? [osRef] : [];
  for (const pkg of sortPackages(sbom.packages)) {
    const purl = pkg.purl ?? purlFor(pkg, sbom.os);
    // A package no purl fits (a Maven artifact without its group) still needs a ref.
    const base = purl ?? `package:${pkg.type}/${pkg.name}@${pkg.version}`;
    // The same purl can sit at two paths (vendored copies); the n-th copy gets a suffix.
    let ref = base;
    for (let n = 2; used.has(ref); n++) ref = `${base}#${n}`;
    used.add(ref);
    refs.set(packageKey(pkg), ref);
    components.push(packageComponent(pkg, ref, purl));
    (osRef && isOsPackage(pkg) ? osDeps : imageDeps).push(ref);
  }
  const dependencies: CdxDependency[] = [{ ref: imageRef, dependsOn: imageDeps }];
  if (osRef) dependencies.push({ ref: osRef, dependsOn: osDeps });
  const bom: CdxBom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${documentUuid(`cyclonedx:${sbom.image.imageId}`, opts.deterministic)}`,
    version: 1,
    metadata: {
      timestamp: opts.timestamp ?? new Date().toISOString(),
      tools: {
        components: [
          { type: 'application', 'bom-ref': 'tool:bulwark', name: toolInfo.name, version: toolInfo.version },
        ],
      },
      component: imageComponent(
        sbom.image,
        [...sbom.layers].sort((a, b) => a.index - b.index),
        imageRef,
      ),
    },
    components,
    dependencies,
  };
  return { bom, imageRef, refFor: (pkg) => refs.get(packageKey(pkg)) };
}

export const cyclonedx: SbomFormat = {
  name: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON',
  encode: (sbom, opts) => `${JSON.stringify(buildCycloneDx(sbom, opts).bom, null, 2)}\n`,
};
