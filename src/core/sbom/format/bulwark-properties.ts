/**
 * Property names Bulwark writes into CycloneDX documents (and reads back). They form a
 * stable `bulwark:` namespace: renaming one breaks round-trips of stored SBOMs.
 */
export const bulwarkProperty = {
  layerDiffID: 'bulwark:layer:diffID',
  layerIndex: 'bulwark:layer:index',
  layerDigest: 'bulwark:layer:digest',
  path: 'bulwark:location:path',
  type: 'bulwark:package:type',
  /** The model name when the component name cannot hold it (`group:artifact`, `@scope/name`). */
  name: 'bulwark:package:name',
  /** The version when it is too long for the component's own field (over 1024 characters). */
  version: 'bulwark:package:version',
  namespace: 'bulwark:package:namespace',
  arch: 'bulwark:package:arch',
  epoch: 'bulwark:package:epoch',
  sourceName: 'bulwark:package:sourceName',
  sourceVersion: 'bulwark:package:sourceVersion',
  dev: 'bulwark:package:dev',
  confidence: 'bulwark:package:confidence',
  imageKind: 'bulwark:image:kind',
  imageId: 'bulwark:image:id',
  repoTag: 'bulwark:image:repoTag',
  repoDigest: 'bulwark:image:repoDigest',
  manifestDigest: 'bulwark:image:manifestDigest',
  architecture: 'bulwark:image:architecture',
  imageOs: 'bulwark:image:os',
  osName: 'bulwark:os:name',
  osCodename: 'bulwark:os:codename',
  distroless: 'bulwark:os:distroless',
} as const;

export interface Property {
  name: string;
  value: string;
}

/** Builds a property list, dropping undefined and empty values. */
export function properties(entries: [string, string | number | boolean | undefined][]): Property[] {
  const out: Property[] = [];
  for (const [name, value] of entries) {
    if (value === undefined || value === '' || value === false) continue;
    out.push({ name, value: String(value) });
  }
  return out;
}
