import { BulwarkError } from '../../errors.js';
import { type Descriptor, hostPlatform, parseManifest, selectPlatform } from '../oci-manifest.js';
import type { Platform } from '../types.js';
import { assertDigest } from '../verify-digest.js';

const refName = 'org.opencontainers.image.ref.name';

/**
 * Walks an OCI layout's index (possibly nested) down to one image manifest: by its
 * ref-name annotation when a tag is asked for, else the only entry, else the platform.
 * Every manifest read is checked against the digest that named it.
 */
export async function selectManifest(
  index: Buffer,
  opts: { label: string; tag?: string; platform?: Platform; readBlob(digest: string): Promise<Buffer> },
): Promise<{ digest: string; config: Descriptor; layers: Descriptor[]; refName?: string }> {
  let current = parseManifest(index, undefined, `${opts.label}/index.json`);
  let name: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    if (current.kind !== 'index') {
      throw new BulwarkError(
        'MANIFEST_INVALID',
        `${opts.label}: index.json is an image manifest, not an index`,
      );
    }
    let pick: Descriptor | undefined;
    if (opts.tag && depth === 0) {
      pick = current.manifests.find((d) => d.annotations?.[refName] === opts.tag);
      if (!pick) throw new BulwarkError('IMAGE_NOT_FOUND', `${opts.label}: no image tagged "${opts.tag}"`);
    } else if (current.manifests.length === 1 && !current.manifests[0]?.platform) {
      pick = current.manifests[0];
    } else {
      pick = selectPlatform(current.manifests, opts.platform ?? hostPlatform(), opts.label);
    }
    if (!pick) throw new BulwarkError('MANIFEST_INVALID', `${opts.label}: index lists no manifests`);
    name ??= pick.annotations?.[refName];
    const bytes = await opts.readBlob(pick.digest);
    assertDigest(bytes, pick.digest, `${opts.label}: manifest ${pick.digest}`);
    const parsed = parseManifest(bytes, pick.mediaType, `${opts.label} manifest ${pick.digest}`);
    if (parsed.kind === 'image') {
      const chosen = { digest: pick.digest, config: parsed.config, layers: parsed.layers };
      return name ? { ...chosen, refName: name } : chosen;
    }
    current = parsed;
  }
  throw new BulwarkError('MANIFEST_INVALID', `${opts.label}: indexes nested too deeply`);
}
