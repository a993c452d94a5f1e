/**
 * Applies Docker events: each is stored for `/events`, and the ones that change the
 * inventory do so — container lifecycle actions set the state, image pull/load/import
 * record the image, tag/untag add or remove the alias (no rescan).
 */
import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import {
  addImageTags,
  containerBySha,
  imageUuidBySha,
  removeImageTag,
  upsertContainer,
  upsertImage,
} from '../../db/repositories/ingest-repository.js';
import type { ContainerState } from '../../db/schema.js';
import type { TenantScope } from '../../db/tenant.js';
import type { EventsUploadV1, SensorEvent } from './ingest-schemas.js';
import { sha64, type Uploader } from './uploader.js';

const STATE_AFTER: Partial<Record<string, ContainerState>> = {
  create: 'CREATED',
  start: 'RUNNING',
  restart: 'RUNNING',
  unpause: 'RUNNING',
  pause: 'PAUSED',
  stop: 'STOPPED',
  kill: 'STOPPED',
  die: 'STOPPED',
  destroy: 'DELETED',
};

async function applyImageEvent(tx: TenantScope, up: Uploader, e: Static<typeof SensorEvent>, now: number) {
  if (!e.imageSha) return null;
  const sha = sha64(e.imageSha);
  if (e.action === 'pull' || e.action === 'load' || e.action === 'import') {
    return upsertImage(tx, { sha, source: up.source, ...(e.repoTag ? { repoTags: [e.repoTag] } : {}) }, now);
  }
  const uuid = await imageUuidBySha(tx, sha);
  if (uuid && e.repoTag && e.action === 'tag') await addImageTags(tx, uuid, [e.repoTag]);
  if (uuid && e.repoTag && e.action === 'untag') await removeImageTag(tx, uuid, e.repoTag);
  return uuid;
}

async function applyContainerEvent(
  tx: TenantScope,
  up: Uploader,
  e: Static<typeof SensorEvent>,
  now: number,
) {
  if (!e.containerSha) return null;
  const sha = sha64(e.containerSha);
  const state = STATE_AFTER[e.action];
  const known = await containerBySha(tx, sha);
  if (!state && !known) return null;
  const imageSha = e.imageSha ? sha64(e.imageSha) : null;
  return upsertContainer(
    tx,
    {
      sha,
      ...(e.name ? { name: e.name } : {}),
      ...(imageSha ? { imageSha, imageUuid: await imageUuidBySha(tx, imageSha) } : {}),
      ...(state ? { state, stateChanged: e.occurred } : {}),
      // A known container keeps the host its inventory gave it; an event only places a new one.
      hostId: known ? null : up.hostId,
      sensorId: known ? null : up.sensorId,
    },
    now,
  );
}

export async function applyEvents(
  tx: TenantScope,
  up: Uploader,
  body: Static<typeof EventsUploadV1>,
  now: number,
) {
  const rows = [];
  for (const e of body.events) {
    const imageUuid =
      e.type === 'IMAGE'
        ? await applyImageEvent(tx, up, e, now)
        : e.imageSha
          ? await imageUuidBySha(tx, sha64(e.imageSha))
          : null;
    const containerUuid = e.type === 'CONTAINER' ? await applyContainerEvent(tx, up, e, now) : null;
    const containerSha = e.containerSha ? sha64(e.containerSha) : null;
    const imageSha = e.imageSha ? sha64(e.imageSha) : null;
    rows.push({
      id: randomUUID(),
      event_occurred: e.occurred,
      event: e.action,
      type: e.type,
      category: 'DOCKER',
      context: e.context ?? null,
      sensor_id: up.sensorId,
      host_id: up.hostId,
      container_uuid: containerUuid,
      container_id: containerSha?.slice(0, 12) ?? null,
      container_sha: containerSha,
      image_uuid: imageUuid,
      image_id: imageSha?.slice(0, 12) ?? null,
      image_sha: imageSha,
      name: e.name ?? null,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert('events', rows.slice(i, i + 500));
  return { kind: 'events', events: rows.length };
}
