/**
 * Writes what sensors (and `scan image --upload`) deliver: images, containers, their
 * software and events, upserted by their natural keys (customer + sha), so the same fact
 * delivered twice — by a replay or by two sensors on one host — is stored once.
 * Every query goes through the TenantScope.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerState, Millis } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { ZERO_COUNTS } from './inventory-writer.js';

/**
 * The `scan_error` of an image or container first known from a host snapshot or an event:
 * until its SBOM arrives its zero counters mean "not looked at", not "clean". An SBOM
 * upload replaces it (with the matching state); the re-match job leaves it alone, as there
 * is nothing stored to match.
 */
export const NOT_SCANNED =
  'not scanned: no SBOM of it has reached the server yet (known from a host inventory or an event only)';

export interface RepoTag {
  registry: string;
  repository: string;
  tag: string | null;
}

/** `docker.io/library/debian:12`, `localhost:5000/x/y@sha…`, `debian` → registry, repository, tag. */
export function parseRepoTag(text: string): RepoTag {
  const ref = text.split('@')[0] ?? text;
  const slash = ref.indexOf('/');
  const first = slash >= 0 ? ref.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let rest = hasRegistry ? ref.slice(slash + 1) : ref;
  const colon = rest.lastIndexOf(':');
  let tag: string | null = null;
  if (colon > 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return { registry, repository: rest, tag };
}

export interface ImageFacts {
  sha: string;
  repoTags?: string[];
  size?: number | null;
  created?: Millis | null;
  operatingSystem?: string | null;
  architecture?: string | null;
  labels?: Record<string, string>;
  source: string;
  /** Set when an SBOM of the image arrived now. */
  scannedAt?: Millis;
}

/** Inserts or updates the image; adds tags, labels and source it did not have. Returns its UUID. */
export async function upsertImage(scope: TenantScope, f: ImageFacts, now: Millis): Promise<string> {
  const existing = await scope.selectFrom('images').select('id').where('sha', '=', f.sha).executeTakeFirst();
  const id = existing?.id ?? randomUUID();
  const known = {
    ...(f.size != null ? { size: f.size } : {}),
    ...(f.created != null ? { created: f.created } : {}),
    ...(f.operatingSystem ? { operating_system: f.operatingSystem } : {}),
    ...(f.architecture ? { architecture: f.architecture } : {}),
    ...(f.scannedAt !== undefined ? { last_scanned: f.scannedAt } : {}),
  };
  if (existing) {
    await scope
      .updateTable('images')
      .set({ ...known, updated_at: now })
      .where('id', '=', id)
      .execute();
  } else {
    await scope.insert('images', [
      {
        id,
        sha: f.sha,
        image_id: f.sha.slice(0, 12),
        size: null,
        created: null,
        first_seen: now,
        last_scanned: null,
        operating_system: null,
        architecture: null,
        scan_error: NOT_SCANNED,
        updated_at: now,
        ...ZERO_COUNTS,
        ...known,
      },
    ]);
  }
  await addImageTags(scope, id, f.repoTags ?? []);
  const sources = await scope
    .selectFrom('image_sources')
    .select('source')
    .where('image_uuid', '=', id)
    .execute();
  if (!sources.some((s) => s.source === f.source))
    await scope.insert('image_sources', [{ image_uuid: id, source: f.source }]);
  const labels = Object.entries(f.labels ?? {});
  if (labels.length > 0) {
    await scope.deleteFrom('image_labels').where('image_uuid', '=', id).execute();
    await scope.insert(
      'image_labels',
      labels.map(([key, value]) => ({ image_uuid: id, key, value })),
    );
  }
  return id;
}

export async function addImageTags(scope: TenantScope, imageUuid: string, repoTags: string[]): Promise<void> {
  if (repoTags.length === 0) return;
  const have = await scope
    .selectFrom('image_repos')
    .select(['registry', 'repository', 'tag'])
    .where('image_uuid', '=', imageUuid)
    .execute();
  const seen = new Set(have.map((r) => `${r.registry}/${r.repository}:${r.tag ?? ''}`));
  const rows = [];
  for (const text of new Set(repoTags)) {
    const r = parseRepoTag(text);
    const key = `${r.registry}/${r.repository}:${r.tag ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ image_uuid: imageUuid, ...r, registry_uuid: null });
  }
  await scope.insert('image_repos', rows);
}

export async function removeImageTag(scope: TenantScope, imageUuid: string, repoTag: string): Promise<void> {
  const r = parseRepoTag(repoTag);
  let q = scope
    .deleteFrom('image_repos')
    .where('image_uuid', '=', imageUuid)
    .where('registry', '=', r.registry)
    .where('repository', '=', r.repository);
  q = r.tag === null ? q.where('tag', 'is', null) : q.where('tag', '=', r.tag);
  await q.execute();
}

export async function imageUuidBySha(scope: TenantScope, sha: string): Promise<string | null> {
  const row = await scope.selectFrom('images').select('id').where('sha', '=', sha).executeTakeFirst();
  return row?.id ?? null;
}

export async function containerBySha(scope: TenantScope, sha: string) {
  return scope
    .selectFrom('containers')
    .select(['id', 'image_uuid', 'state'])
    .where('sha', '=', sha)
    .executeTakeFirst();
}

export interface ContainerFacts {
  sha: string;
  name?: string;
  imageSha?: string | null;
  imageUuid?: string | null;
  state?: ContainerState;
  created?: Millis | null;
  stateChanged?: Millis | null;
  privileged?: boolean;
  path?: string | null;
  command?: string | null;
  arguments?: string[] | null;
  environment?: string[] | null;
  ports?: unknown;
  hostname?: string | null;
  ipv4?: string | null;
  labels?: Record<string, string>;
  hostId: string | null;
  sensorId: string | null;
  scannedAt?: Millis;
}

export async function upsertContainer(scope: TenantScope, f: ContainerFacts, now: Millis): Promise<string> {
  const existing = await containerBySha(scope, f.sha);
  const id = existing?.id ?? randomUUID();
  const known = {
    ...(f.name ? { name: f.name } : {}),
    ...(f.imageSha ? { image_sha: f.imageSha, image_id: f.imageSha.slice(0, 12) } : {}),
    ...(f.imageUuid ? { image_uuid: f.imageUuid } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.created != null ? { created: f.created } : {}),
    ...(f.stateChanged != null ? { state_changed: f.stateChanged } : {}),
    ...(f.privileged !== undefined ? { privileged: f.privileged ? 1 : 0 } : {}),
    ...(f.path !== undefined ? { path: f.path } : {}),
    ...(f.command !== undefined ? { command: f.command } : {}),
    ...(f.arguments !== undefined
      ? { arguments_json: f.arguments ? JSON.stringify(f.arguments) : null }
      : {}),
    ...(f.environment !== undefined
      ? { environment_json: f.environment ? JSON.stringify(f.environment) : null }
      : {}),
    ...(f.ports !== undefined ? { port_mapping_json: f.ports == null ? null : JSON.stringify(f.ports) } : {}),
    ...(f.hostname !== undefined ? { hostname: f.hostname } : {}),
    ...(f.ipv4 !== undefined ? { ipv4: f.ipv4 } : {}),
    ...(f.hostId ? { host_id: f.hostId } : {}),
    ...(f.sensorId ? { sensor_id: f.sensorId } : {}),
    ...(f.scannedAt !== undefined ? { last_scanned: f.scannedAt } : {}),
  };
  if (existing) {
    await scope
      .updateTable('containers')
      .set({ ...known, updated_at: now })
      .where('id', '=', id)
      .execute();
  } else {
    await scope.insert('containers', [
      {
        id,
        sha: f.sha,
        container_id: f.sha.slice(0, 12),
        name: f.sha.slice(0, 12),
        image_uuid: null,
        image_sha: null,
        image_id: null,
        host_id: null,
        sensor_id: null,
        state: 'CREATED',
        created: null,
        state_changed: now,
        last_scanned: null,
        privileged: 0,
        is_rogue: 0,
        path: null,
        command: null,
        hostname: null,
        mac_address: null,
        ipv4: null,
        ipv6: null,
        operating_system: null,
        arguments_json: null,
        environment_json: null,
        port_mapping_json: null,
        rogue_json: null,
        scan_error: NOT_SCANNED,
        updated_at: now,
        ...ZERO_COUNTS,
        ...known,
      },
    ]);
  }
  const labels = Object.entries(f.labels ?? {});
  if (labels.length > 0) {
    await scope.deleteFrom('container_labels').where('container_uuid', '=', id).execute();
    await scope.insert(
      'container_labels',
      labels.map(([key, value]) => ({ container_uuid: id, key, value })),
    );
  }
  return id;
}

/** Containers of a host that a full snapshot no longer lists are gone: DELETED. */
export async function markMissingContainersDeleted(
  scope: TenantScope,
  hostId: string,
  present: string[],
  now: Millis,
): Promise<void> {
  let q = scope
    .updateTable('containers')
    .set({ state: 'DELETED', state_changed: now, updated_at: now })
    .where('host_id', '=', hostId)
    .where('state', '!=', 'DELETED');
  if (present.length > 0) q = q.where('sha', 'not in', present);
  await q.execute();
}

export async function setContainerState(
  scope: TenantScope,
  containerUuid: string,
  state: ContainerState,
  at: Millis,
): Promise<void> {
  await scope
    .updateTable('containers')
    .set({ state, state_changed: at, updated_at: at })
    .where('id', '=', containerUuid)
    .execute();
}
