/**
 * One image of a registry job: HEAD the tag to learn its digest (a HEAD does not count as
 * a pull on Docker Hub), skip it when this sensor already uploaded that digest's SBOM, else
 * open it straight from the registry and build its SBOM. Layers come from the sensor's
 * layer cache by diffID whenever any image of any repository already brought them, so only
 * new layers are downloaded; the config blob is kept by digest too.
 */
import type { Sbom } from '../../core/sbom/model.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import type { TokenCache } from '../../core/source/registry/bearer-token.js';
import { parseReference } from '../../core/source/registry/parse-reference.js';
import { RegistryClient } from '../../core/source/registry/registry-client.js';
import type { RegistryClientEvent } from '../../core/source/registry/registry-events.js';
import type { RateLimitPolicy } from '../../core/source/registry/retry-after.js';
import type { RegistryOptions } from '../../core/source/types.js';
import type { JobImage } from '../../server/registry/registry-job-protocol.js';
import type { RegistryTarget } from './registry-target.js';
import type { ScannedDigests } from './scanned-digests.js';

export interface ImageScanEnv {
  /** Layer cache directory; false scans every layer again (the bench's cold case). */
  cacheDir: string | false;
  tempRoot: string;
  /** Digests already uploaded; undefined: never skip. */
  scanned: ScannedDigests | undefined;
  /** One per job: every client of the job shares its bearer tokens. */
  tokens: TokenCache;
  rateLimit?: Partial<RateLimitPolicy>;
  onRegistryEvent?: (event: RegistryClientEvent) => void;
  signal?: AbortSignal;
}

export type ImageScan =
  | { kind: 'skipped'; digest: string; imageId: string }
  | { kind: 'scanned'; digest: string | undefined; sbom: Sbom };

function clientOptions(target: RegistryTarget, env: ImageScanEnv): RegistryOptions {
  return {
    ...target.options,
    tokens: env.tokens,
    ...(env.rateLimit ? { rateLimit: env.rateLimit } : {}),
    ...(env.onRegistryEvent ? { onEvent: env.onRegistryEvent } : {}),
  };
}

export async function scanRegistryImage(
  target: RegistryTarget,
  image: JobImage,
  env: ImageScanEnv,
): Promise<ImageScan> {
  const name = `${target.host}/${image.repository}`;
  // Validates the repository path and tag the job names before anything is asked.
  const ref = parseReference(
    `${name}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`,
  );
  const options = clientOptions(target, env);
  let digest = image.digest;
  if (!digest && ref.tag) {
    const client = new RegistryClient(ref, { ...options, ...(env.signal ? { signal: env.signal } : {}) });
    digest = (await client.headManifest(ref.tag)).digest;
  }
  const known = digest
    ? env.scanned?.uploaded({
        registryUuid: target.uuid,
        repository: image.repository,
        tag: image.tag,
        digest,
      })
    : undefined;
  if (digest && known) return { kind: 'skipped', digest, imageId: known };
  // Pinned to the digest the HEAD saw, so a tag moved meanwhile cannot mix two images.
  const location = `${name}${ref.tag ? `:${ref.tag}` : ''}${digest ? `@${digest}` : ''}`;
  const sbom = await generateSbom(`registry:${location}`, {
    registry: options,
    cacheDir: env.cacheDir,
    tempRoot: env.tempRoot,
    allowPartial: true,
    ...(env.signal ? { signal: env.signal } : {}),
  });
  const top = sbom.image.repoDigests[0]?.split('@')[1];
  return { kind: 'scanned', digest: digest ?? top, sbom };
}
