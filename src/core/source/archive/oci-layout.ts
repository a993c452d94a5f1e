import type { Readable } from 'node:stream';
import { BulwarkError } from '../../errors.js';
import type { ImageConfig, ImageLayer, Platform } from '../types.js';
import { parseJson, selectManifest } from './manifest.js';

/** Where an OCI layout's files live: a directory or a tar archive. */
export interface LayoutFiles {
  label: string;
  read(path: string): Promise<Buffer>;
  stream(path: string): Readable;
  has(path: string): Promise<boolean>;
}

export interface ResolvedLayout {
  manifestDigest: string;
  configDigest: string;
  config: ImageConfig;
  layers: ImageLayer[];
  refName?: string;
}

export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  if (!algorithm || !hex || !/^[a-f0-9]+$/.test(hex) || !/^[a-z0-9]+$/.test(algorithm)) {
    throw new BulwarkError('MANIFEST_INVALID', `invalid digest "${digest}"`);
  }
  return `blobs/${algorithm}/${hex}`;
}

/**
 * Follows index.json → (nested indexes) → manifest → config in an OCI image
 * layout. `tag` picks a manifest by its `org.opencontainers.image.ref.name`.
 */
export async function resolveLayout(files: LayoutFiles, tag: string | undefined, platform?: Platform) {
  if (!(await files.has('index.json'))) {
    throw new BulwarkError('MANIFEST_INVALID', `${files.label}: not an OCI image layout (no index.json)`);
  }
  const index = parseJson(await files.read('index.json'), `${files.label}/index.json`);
  const readBlob = (digest: string) => files.read(blobPath(digest));
  const chosen = await selectManifest(index, { label: files.label, tag, platform, readBlob });
  const configBytes = await readBlob(chosen.manifest.config.digest);
  const config = parseJson(configBytes, `${files.label} config`) as unknown as ImageConfig;
  const diffIDs = config.rootfs?.diff_ids ?? [];
  if (diffIDs.length !== chosen.manifest.layers.length) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${files.label}: manifest lists ${chosen.manifest.layers.length} layers but the config ${diffIDs.length}`,
    );
  }
  const layers: ImageLayer[] = chosen.manifest.layers.map((layer, i) => ({
    digest: layer.digest,
    diffID: diffIDs[i] as string,
    mediaType: layer.mediaType,
    size: layer.size,
    open: async () => files.stream(blobPath(layer.digest)),
  }));
  const resolved: ResolvedLayout = {
    manifestDigest: chosen.digest,
    configDigest: chosen.manifest.config.digest,
    config,
    layers,
  };
  if (chosen.refName) resolved.refName = chosen.refName;
  return resolved;
}
