import { BulwarkError, type ErrorCode } from '../errors.js';
import { isRecord } from '../json-guards.js';
import type { ImageConfig, Platform } from './types.js';

/**
 * OCI and Docker schema 2 manifests, indexes and image configs: parsed and validated
 * once here for every source that meets them (registries, OCI layouts, docker save).
 */

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** What we ask registries for, best first; schema 1 is listed only so we can refuse it by name. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
  `${MEDIA_TYPES.dockerSchema1Signed};q=0.1`,
  `${MEDIA_TYPES.dockerSchema1};q=0.1`,
].join(', ');

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
  /** OCI layouts name their images with `org.opencontainers.image.ref.name`. */
  annotations?: Record<string, string>;
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function descriptor(value: unknown, where: string): Descriptor {
  if (!isRecord(value) || typeof value.digest !== 'string' || !DIGEST.test(value.digest)) {
    throw new BulwarkError('MANIFEST_INVALID', `${where} has no valid sha256 digest`);
  }
  const out: Descriptor = { digest: value.digest };
  if (typeof value.mediaType === 'string') out.mediaType = value.mediaType;
  if (typeof value.size === 'number') out.size = value.size;
  const platform = value.platform;
  if (isRecord(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
    out.platform = { os: platform.os, architecture: platform.architecture };
    if (typeof platform.variant === 'string') out.platform.variant = platform.variant;
  }
  const annotations = value.annotations;
  if (isRecord(annotations)) {
    const strings = Object.entries(annotations).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    if (strings.length > 0) out.annotations = Object.fromEntries(strings);
  }
  return out;
}

/**
 * Reads a manifest or index. Bytes that are not JSON throw `notJson` (a registry
 * answering garbage is a bad response; a file in an archive is an invalid manifest);
 * JSON of the wrong shape, or schema 1, throws MANIFEST_INVALID.
 */
export function parseManifest(
  bytes: Buffer,
  contentType: string | undefined,
  what: string,
  notJson: ErrorCode = 'MANIFEST_INVALID',
): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BulwarkError(notJson, `${what}: the manifest is not JSON`);
  }
  if (!isRecord(json)) throw new BulwarkError('MANIFEST_INVALID', `${what}: manifest is not a JSON object`);
  const mediaType =
    typeof json.mediaType === 'string' ? json.mediaType : (contentType?.split(';')[0]?.trim() ?? '');
  if (json.schemaVersion === 1 || mediaType.startsWith(MEDIA_TYPES.dockerSchema1)) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${what}: Docker schema 1 manifests are not supported (deprecated format; re-push the image with a current client)`,
    );
  }
  if (json.schemaVersion !== 2)
    throw new BulwarkError('MANIFEST_INVALID', `${what}: unsupported schemaVersion`);
  if (Array.isArray(json.manifests)) {
    const manifests = json.manifests.map((m, i) => descriptor(m, `${what}: index entry ${i}`));
    return { kind: 'index', mediaType: mediaType || MEDIA_TYPES.ociIndex, manifests };
  }
  if (isRecord(json.config) && Array.isArray(json.layers)) {
    return {
      kind: 'image',
      mediaType: mediaType || MEDIA_TYPES.ociManifest,
      config: descriptor(json.config, `${what}: config`),
      layers: json.layers.map((l, i) => descriptor(l, `${what}: layer ${i}`)),
    };
  }
  throw new BulwarkError('MANIFEST_INVALID', `${what}: neither an image manifest nor an index`);
}

/** arm64's only variant is v8; an entry without one means v8. */
function normalVariant(p: Platform): string | undefined {
  if (p.architecture === 'arm64' && (p.variant === undefined || p.variant === 'v8')) return undefined;
  return p.variant;
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** Picks the index entry for `wanted`; a wanted platform without variant takes the first os/arch match. */
export function selectPlatform(manifests: Descriptor[], wanted: Platform, what: string): Descriptor {
  const candidates = manifests.filter(
    (m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture,
  );
  const match =
    wanted.variant === undefined
      ? (candidates.find((m) => normalVariant(m.platform!) === undefined) ?? candidates[0])
      : candidates.find((m) => normalVariant(m.platform!) === normalVariant(wanted));
  if (!match) {
    const offered = manifests.flatMap((m) => (m.platform ? [formatPlatform(m.platform)] : [])).join(', ');
    throw new BulwarkError(
      'PLATFORM_NOT_FOUND',
      `${what} has no image for ${formatPlatform(wanted)} (it offers: ${offered || 'nothing'})`,
    );
  }
  return match;
}

/** Reads the parts of an image config that scanning needs; throws MANIFEST_INVALID. */
export function parseImageConfig(bytes: Buffer, what: string): ImageConfig {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BulwarkError('MANIFEST_INVALID', `${what}: image config is not JSON`);
  }
  if (!isRecord(json) || !isRecord(json.rootfs) || !Array.isArray(json.rootfs.diff_ids)) {
    throw new BulwarkError('MANIFEST_INVALID', `${what}: image config has no rootfs.diff_ids`);
  }
  const diffIds = json.rootfs.diff_ids;
  if (!diffIds.every((d): d is string => typeof d === 'string' && DIGEST.test(d))) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${what}: image config has a diff_id that is not a sha256 digest`,
    );
  }
  const config: ImageConfig = {
    rootfs: { type: typeof json.rootfs.type === 'string' ? json.rootfs.type : 'layers', diff_ids: diffIds },
  };
  if (typeof json.architecture === 'string') config.architecture = json.architecture;
  if (typeof json.os === 'string') config.os = json.os;
  if (typeof json.variant === 'string') config.variant = json.variant;
  if (Array.isArray(json.history)) {
    config.history = json.history.filter(isRecord).map((h) => {
      const entry: { created_by?: string; empty_layer?: boolean } = {};
      if (typeof h.created_by === 'string') entry.created_by = h.created_by;
      if (typeof h.empty_layer === 'boolean') entry.empty_layer = h.empty_layer;
      return entry;
    });
  }
  return config;
}

/** Default platform: linux on this machine's architecture, as `docker pull` chooses. */
export function hostPlatform(): Platform {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return { os: 'linux', architecture: arch };
}
