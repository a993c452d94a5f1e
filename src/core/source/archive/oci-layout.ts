import type { Readable } from 'node:stream';
import { BulwarkError } from '../../errors.js';
import { parseImageConfig } from '../oci-manifest.js';
import type { ImageConfig, ImageLayer, Platform } from '../types.js';
import { assertDigest } from '../verify-digest.js';
import { selectManifest } from './manifest.js';

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

/** Descriptors are validated as `sha256:<64 hex>` when parsed, so this cannot leave `blobs/`. */
function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

/**
 * Follows index.json → (nested indexes) → manifest → config in an OCI image
 * layout. `tag` picks a manifest by its `org.opencontainers.image.ref.name`.
 */
export async function resolveLayout(files: LayoutFiles, tag: string | undefined, platform?: Platform) {
  if (!(await files.has('index.json'))) {
    throw new BulwarkError('MANIFEST_INVALID', `${files.label}: not an OCI image layout (no index.json)`);
  }
  const readBlob = (digest: string) => files.read(blobPath(digest));
  const chosen = await selectManifest(await files.read('index.json'), {
    label: files.label,
    ...(tag ? { tag } : {}),
    ...(platform ? { platform } : {}),
    readBlob,
  });
  const configBytes = await readBlob(chosen.config.digest);
  assertDigest(configBytes, chosen.config.digest, `${files.label}: config ${chosen.config.digest}`);
  const config = parseImageConfig(configBytes, files.label);
  const diffIDs = config.rootfs.diff_ids;
  if (diffIDs.length !== chosen.layers.length) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${files.label}: manifest lists ${chosen.layers.length} layers but the config ${diffIDs.length}`,
    );
  }
  const layers: ImageLayer[] = chosen.layers.map((layer, i) => ({
    digest: layer.digest,
    diffID: diffIDs[i] as string,
    mediaType: layer.mediaType,
    size: layer.size,
    open: async () => files.stream(blobPath(layer.digest)),
  }));
  const resolved: ResolvedLayout = {
    manifestDigest: chosen.digest,
    configDigest: chosen.config.digest,
    config,
    layers,
  };
  if (chosen.refName) resolved.refName = chosen.refName;
  return resolved;
}
