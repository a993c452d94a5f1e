/**
 * A registry sensor reports an image it had already uploaded (same manifest digest) as
 * `scanned` with its `imageId` instead of uploading the SBOM again. The server then links
 * the reported repository:tag to that image itself, under the registry, so the image list
 * shows every tag the registry serves it under. Unknown images are left alone: without an
 * SBOM there is nothing to show.
 */
import { addImageTags, imageUuidBySha } from '../../db/repositories/ingest-repository.js';
import { markRegistryImage } from '../../db/repositories/registries-repository.js';
import type { JobImageResult } from '../../db/repositories/registry-jobs-repository.js';
import type { TenantScope } from '../../db/tenant.js';
import { registryHost } from './registry-connection.js';

export async function linkScannedImages(
  scope: TenantScope,
  registry: { uuid: string; uri: string; type: string },
  results: JobImageResult[],
): Promise<number> {
  const host = registryHost(registry).registry;
  let linked = 0;
  for (const r of results) {
    if (r.status !== 'scanned' || !r.imageId || !r.tag) continue;
    const uuid = await imageUuidBySha(scope, r.imageId.replace(/^sha256:/, ''));
    if (!uuid) continue;
    await addImageTags(scope, uuid, [`${host}/${r.repository}:${r.tag}`]);
    await markRegistryImage(scope, uuid, registry.uuid);
    linked++;
  }
  return linked;
}
