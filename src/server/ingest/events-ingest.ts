/**
 * Applies Docker events: each is stored for `/events`, and the ones that change the
 * inventory do so — container lifecycle actions set the state, image pull/load/import
 * record the image, tag/untag add or remove the alias (no rescan).
 */
import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { BulwarkError } from '../../core/errors.js';
import {
  addImageTags,
  containerBySha,
  imageUuidBySha,
  removeImageTag,
  setContainerState,
  upsertContainer,
  upsertImage,
} from '../../db/repositories/ingest-repository.js';
import type { ContainerState } from '../../db/schema.js';
import type { TenantScope } from '../../db/tenant.js';
import { CONTAINER_ACTIONS, type EventsUploadV1, IMAGE_ACTIONS, type SensorEvent } from './ingest-schemas.js';
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

/** Lookups by sha, remembered for the batch: a batch mostly repeats a few containers and images. */
class BatchLookups {
  private readonly images = new Map<string, string | null>();
  private readonly containers = new Map<string, string | null>();
  constructor(private readonly tx: TenantScope) {}
  async image(sha: string): Promise<string | null> {
    if (!this.images.has(sha)) this.images.set(sha, await imageUuidBySha(this.tx, sha));
    return this.images.get(sha) ?? null;
  }
  rememberImage(sha: string, uuid: string): void {
    this.images.set(sha, uuid);
  }
  async container(sha: string): Promise<string | null> {
    if (!this.containers.has(sha)) this.containers.set(sha, (await containerBySha(this.tx, sha))?.id ?? null);
    return this.containers.get(sha) ?? null;
  }
  rememberContainer(sha: string, uuid: string): void {
    this.containers.set(sha, uuid);
  }
}

async function applyImageEvent(
  tx: TenantScope,
  up: Uploader,
  e: Static<typeof SensorEvent>,
  look: BatchLookups,
  now: number,
) {
  if (!e.imageSha) return null;
  const sha = sha64(e.imageSha);
  if (e.action === 'pull' || e.action === 'load' || e.action === 'import') {
    const uuid = await upsertImage(
      tx,
      { sha, source: up.source, ...(e.repoTag ? { repoTags: [e.repoTag] } : {}) },
      now,
    );
    look.rememberImage(sha, uuid);
    return uuid;
  }
  const uuid = await look.image(sha);
  if (uuid && e.repoTag && e.action === 'tag') await addImageTags(tx, uuid, [e.repoTag]);
  if (uuid && e.repoTag && e.action === 'untag') await removeImageTag(tx, uuid, e.repoTag);
  return uuid;
}

async function applyContainerEvent(
  tx: TenantScope,
  up: Uploader,
  e: Static<typeof SensorEvent>,
  look: BatchLookups,
  now: number,
) {
  if (!e.containerSha) return null;
  const sha = sha64(e.containerSha);
  const state = STATE_AFTER[e.action];
  const known = await look.container(sha);
  if (known) {
    // A known container keeps the host its inventory gave it; the event only moves its state.
    if (state) await setContainerState(tx, known, state, e.occurred);
    return known;
  }
  if (!state) return null;
  const imageSha = e.imageSha ? sha64(e.imageSha) : null;
  const uuid = await upsertContainer(
    tx,
    {
      sha,
      ...(e.name ? { name: e.name } : {}),
      ...(imageSha ? { imageSha, imageUuid: await look.image(imageSha) } : {}),
      state,
      stateChanged: e.occurred,
      hostId: up.hostId,
      sensorId: up.sensorId,
    },
    now,
  );
  look.rememberContainer(sha, uuid);
  return uuid;
}

export async function applyEvents(
  tx: TenantScope,
  up: Uploader,
  body: Static<typeof EventsUploadV1>,
  now: number,
) {
  const actions: Record<string, readonly string[]> = { IMAGE: IMAGE_ACTIONS, CONTAINER: CONTAINER_ACTIONS };
  const wrong = body.events.findIndex((e) => !actions[e.type]?.includes(e.action));
  if (wrong >= 0) {
    const e = body.events[wrong];
    throw new BulwarkError(
      'BAD_REQUEST',
      `invalid body: /events/${wrong} "${e?.action}" is not a valid ${e?.type} action`,
    );
  }
  const rows = [];
  const look = new BatchLookups(tx);
  for (const e of body.events) {
    const imageUuid =
      e.type === 'IMAGE'
        ? await applyImageEvent(tx, up, e, look, now)
        : e.imageSha
          ? await look.image(sha64(e.imageSha))
          : null;
    const containerUuid = e.type === 'CONTAINER' ? await applyContainerEvent(tx, up, e, look, now) : null;
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
