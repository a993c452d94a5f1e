import { createHash } from 'node:crypto';
import { BulwarkError } from '../../errors.js';
import type { Platform } from '../types.js';

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  config: Descriptor;
  layers: Descriptor[];
}

type Json = Record<string, unknown>;

export function parseJson(bytes: Buffer, label: string): Json {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // reported below
  }
  throw new BulwarkError('MANIFEST_INVALID', `${label}: not a JSON object`);
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function isDescriptor(value: unknown): value is Descriptor {
  return !!value && typeof value === 'object' && typeof (value as Descriptor).digest === 'string';
}

export function asManifest(json: Json, label: string): ImageManifest {
  const { config, layers } = json;
  if (!isDescriptor(config) || !Array.isArray(layers) || !layers.every(isDescriptor)) {
    throw new BulwarkError('MANIFEST_INVALID', `${label}: image manifest lacks a config or layers`);
  }
  return { config, layers };
}

export function isIndex(json: Json): boolean {
  return Array.isArray(json.manifests);
}

/** Default platform: linux on the machine's own architecture, as `docker pull` does. */
export function hostPlatform(): Platform {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return { os: 'linux', architecture: arch };
}

export function platformMatches(candidate: Descriptor['platform'], wanted: Platform): boolean {
  if (!candidate) return false;
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  return !wanted.variant || candidate.variant === wanted.variant;
}

export function formatPlatform(p: Descriptor['platform'] | Platform | undefined): string {
  if (!p) return 'unknown';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * Walks an index (possibly nested) down to one image manifest: by ref-name
 * annotation when a tag is asked for, else the only entry, else the platform.
 */
export async function selectManifest(
  index: Json,
  opts: { label: string; tag?: string; platform?: Platform; readBlob(digest: string): Promise<Buffer> },
): Promise<{ digest: string; manifest: ImageManifest; refName?: string }> {
  let current = index;
  let refName: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const entries = (current.manifests as unknown[]).filter(isDescriptor);
    let pick: Descriptor | undefined;
    if (opts.tag && depth === 0) {
      pick = entries.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === opts.tag);
      if (!pick) throw new BulwarkError('IMAGE_NOT_FOUND', `${opts.label}: no image tagged "${opts.tag}"`);
    } else if (entries.length === 1 && !entries[0]?.platform) {
      pick = entries[0];
    } else {
      const wanted = opts.platform ?? hostPlatform();
      pick = entries.find((d) => platformMatches(d.platform, wanted));
      if (!pick) {
        const offered = entries.map((d) => formatPlatform(d.platform)).join(', ');
        throw new BulwarkError(
          'PLATFORM_NOT_FOUND',
          `${opts.label}: no manifest for ${formatPlatform(wanted)} (has: ${offered || 'none'})`,
        );
      }
    }
    if (!pick) throw new BulwarkError('MANIFEST_INVALID', `${opts.label}: index lists no manifests`);
    refName ??= pick.annotations?.['org.opencontainers.image.ref.name'];
    const bytes = await opts.readBlob(pick.digest);
    if (sha256(bytes) !== pick.digest && pick.digest.startsWith('sha256:')) {
      throw new BulwarkError(
        'LAYER_DIGEST_MISMATCH',
        `${opts.label}: manifest ${pick.digest} does not match its digest`,
      );
    }
    const json = parseJson(bytes, `${opts.label} manifest ${pick.digest}`);
    if (!isIndex(json)) {
      const result = { digest: pick.digest, manifest: asManifest(json, `${opts.label} manifest`) };
      return refName ? { ...result, refName } : result;
    }
    current = json;
  }
  throw new BulwarkError('MANIFEST_INVALID', `${opts.label}: indexes nested too deeply`);
}
