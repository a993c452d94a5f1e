/**
 * Applies an inventory snapshot: every image and container on the sensor's host, upserted
 * by sha; containers of the host the snapshot no longer lists become DELETED.
 */
import type { Static } from 'typebox';
import {
  imageUuidBySha,
  markMissingContainersDeleted,
  upsertContainer,
  upsertImage,
} from '../../db/repositories/ingest-repository.js';
import type { TenantScope } from '../../db/tenant.js';
import type { InventorySnapshotV1 } from './ingest-schemas.js';
import { sha64, type Uploader } from './uploader.js';

export async function applySnapshot(
  tx: TenantScope,
  up: Uploader,
  body: Static<typeof InventorySnapshotV1>,
  now: number,
) {
  for (const img of body.images) {
    await upsertImage(
      tx,
      {
        sha: sha64(img.sha),
        source: up.source,
        ...(img.repoTags ? { repoTags: img.repoTags } : {}),
        ...(img.size !== undefined ? { size: img.size } : {}),
        ...(img.created !== undefined ? { created: img.created } : {}),
        ...(img.labels ? { labels: img.labels } : {}),
      },
      now,
    );
  }
  const present: string[] = [];
  for (const c of body.containers) {
    const sha = sha64(c.sha);
    present.push(sha);
    const imageSha = sha64(c.imageSha);
    await upsertContainer(
      tx,
      {
        sha,
        name: c.name,
        imageSha,
        imageUuid: await imageUuidBySha(tx, imageSha),
        state: c.state,
        created: c.created ?? null,
        stateChanged: c.stateChanged ?? null,
        ...(c.privileged !== undefined ? { privileged: c.privileged } : {}),
        ...(c.path !== undefined ? { path: c.path } : {}),
        ...(c.command !== undefined ? { command: c.command } : {}),
        ...(c.arguments !== undefined ? { arguments: c.arguments } : {}),
        ...(c.environment !== undefined ? { environment: c.environment } : {}),
        ...(c.ports !== undefined ? { ports: c.ports } : {}),
        ...(c.hostname !== undefined ? { hostname: c.hostname } : {}),
        ...(c.ipv4 !== undefined ? { ipv4: c.ipv4 } : {}),
        ...(c.labels ? { labels: c.labels } : {}),
        hostId: up.hostId,
        sensorId: up.sensorId,
      },
      now,
    );
  }
  if (up.hostId) await markMissingContainersDeleted(tx, up.hostId, present, body.takenAt);
  return { kind: 'inventory', images: body.images.length, containers: body.containers.length };
}
