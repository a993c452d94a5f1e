/**
 * Reading the Docker Engine for the sensor: the inventory snapshot (InventorySnapshotV1
 * shape), label scoping, and the translation of one Engine event into a protocol event.
 */
import type Docker from 'dockerode';
import { isRecord } from '../../core/json-guards.js';

export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * One line of the Engine's event stream, checked field by field: a line that is not an
 * object is undefined (skipped with a warning), and a field of the wrong type is left out,
 * so nothing one event carries can throw in the stream handler and end the sensor.
 */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  const actor = isRecord(v.Actor) ? v.Actor : undefined;
  const attributes = actor && isRecord(actor.Attributes) ? actor.Attributes : undefined;
  const event: EngineEvent = {};
  const type = text(v.Type);
  const action = text(v.Action);
  const time = finite(v.time);
  const timeNano = finite(v.timeNano);
  if (type !== undefined) event.Type = type;
  if (action !== undefined) event.Action = action;
  if (time !== undefined) event.time = time;
  if (timeNano !== undefined) event.timeNano = timeNano;
  if (actor) {
    const id = text(actor.ID);
    event.Actor = {
      ...(id !== undefined ? { ID: id } : {}),
      ...(attributes
        ? {
            Attributes: Object.fromEntries(
              Object.entries(attributes).filter((e): e is [string, string] => typeof e[1] === 'string'),
            ),
          }
        : {}),
    };
  }
  return event;
}

export interface SnapshotImage {
  sha: string;
  repoTags?: string[];
  size?: number;
  created?: number;
  labels?: Record<string, string>;
}

export type ContainerState = 'CREATED' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'DELETED';

export interface SnapshotContainer {
  sha: string;
  name: string;
  imageSha: string;
  state: ContainerState;
  created?: number;
  labels?: Record<string, string>;
  privileged?: boolean;
  command?: string;
}

export interface ProtocolEvent {
  occurred: number;
  type: 'IMAGE' | 'CONTAINER';
  action: string;
  imageSha?: string;
  containerSha?: string;
  name?: string;
  repoTag?: string;
}

export const realTags = (tags: readonly string[] | null | undefined) =>
  (tags ?? []).filter((t) => t !== '<none>:<none>');

/** `key=value` scope: true when the labels carry it (or there is no scope). */
export function inScope(
  scope: string | undefined,
  labels: Record<string, string> | null | undefined,
): boolean {
  if (!scope) return true;
  const eq = scope.indexOf('=');
  return labels?.[scope.slice(0, eq)] === scope.slice(eq + 1);
}

function stateOf(s: string | undefined): ContainerState {
  switch (s) {
    case 'running':
    case 'restarting':
      return 'RUNNING';
    case 'paused':
      return 'PAUSED';
    case 'created':
      return 'CREATED';
    default:
      return 'STOPPED';
  }
}

export async function listImages(docker: Docker, scope: string | undefined): Promise<SnapshotImage[]> {
  const list = await docker.listImages();
  return list
    .filter((i) => inScope(scope, i.Labels))
    .map((i) => ({
      sha: i.Id,
      repoTags: realTags(i.RepoTags),
      size: i.Size,
      // An image built without a creation time reports year 1 (negative epoch): unknown, not sent.
      ...(i.Created > 0 ? { created: i.Created * 1000 } : {}),
      ...(i.Labels ? { labels: i.Labels } : {}),
    }));
}

export async function listContainers(
  docker: Docker,
  scope: string | undefined,
): Promise<SnapshotContainer[]> {
  const list = await docker.listContainers({ all: true });
  return list
    .filter((c) => inScope(scope, c.Labels))
    .map((c) => ({
      sha: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      imageSha: c.ImageID,
      state: stateOf(c.State),
      ...(c.Created > 0 ? { created: c.Created * 1000 } : {}),
      ...(c.Labels ? { labels: c.Labels } : {}),
      command: c.Command.slice(0, 8192),
    }));
}

export function occurredAt(e: EngineEvent): number {
  if (e.timeNano) return Math.floor(e.timeNano / 1e6);
  return (e.time ?? Math.floor(Date.now() / 1000)) * 1000;
}
