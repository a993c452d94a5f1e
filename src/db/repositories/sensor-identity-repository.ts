/**
 * Sensor identity: activation (ActivationId + CustomerId → sensor UUID and credential),
 * the credential lookup that establishes a sensor's customer, heartbeats, revocation and
 * the UNKNOWN sweep. Like the login lookups in accounts-repository, activation and the
 * credential lookup run before a customer is known, so they read `sensors` and
 * `activation_ids` unscoped (allowed in tenant.test.ts); everything after is scoped.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import type { Database, SensorStatus, SensorType } from '../schema.js';
import { newSecret, sha256Hex } from '../secrets.js';
import { TenantScope } from '../tenant.js';

export interface ActivationInput {
  activationId: string;
  customerId: string;
  /** A random secret the sensor generated once and keeps in its storage directory. */
  identity: string;
  hostname: string;
  ipAddresses: string[];
  operatingSystem: string | null;
  dockerVersion: string | null;
  sensorVersion: string;
  mode: SensorType;
  /** The host UUID the sensor reported (issue 11); older sensors send none. */
  hostUuid?: string | null;
}

export interface Activation {
  sensorUuid: string;
  customerId: string;
  /** Shown once; only its sha256 is stored. Re-activation issues a new one and voids the old. */
  credential: string;
  reactivated: boolean;
}

/**
 * The sensor's host row. A reported host UUID names the machine: the customer's host that
 * carries it is reused (a second sensor, a new Storage on the same machine). Else the
 * sensor's previous host is kept when it carried no UUID or this one; a sensor whose host
 * UUID changed (an agent's marker appeared) is on a host it did not know before.
 */
async function upsertHost(scope: TenantScope, previous: string | null, input: ActivationInput, now: number) {
  const ip = input.ipAddresses[0] ?? null;
  const hostUuid = input.hostUuid ?? null;
  const byUuid = hostUuid
    ? await scope.selectFrom('hosts').select('id').where('host_uuid', '=', hostUuid).executeTakeFirst()
    : undefined;
  const prior =
    !byUuid && previous
      ? await scope
          .selectFrom('hosts')
          .select(['id', 'host_uuid'])
          .where('id', '=', previous)
          .executeTakeFirst()
      : undefined;
  const keep =
    byUuid?.id ?? (prior && (prior.host_uuid === null || prior.host_uuid === hostUuid) ? prior.id : null);
  if (keep) {
    await scope
      .updateTable('hosts')
      .set({
        hostname: input.hostname,
        ip_address: ip,
        updated_at: now,
        ...(hostUuid ? { host_uuid: hostUuid } : {}),
      })
      .where('id', '=', keep)
      .execute();
    return keep;
  }
  const id = randomUUID();
  await scope.insert('hosts', [
    { id, hostname: input.hostname, ip_address: ip, host_uuid: hostUuid, created_at: now, updated_at: now },
  ]);
  return id;
}

export async function activateSensor(
  db: Kysely<Database>,
  input: ActivationInput,
  now = Date.now(),
): Promise<Activation> {
  const activation = await db
    .selectFrom('activation_ids')
    .select(['id', 'customer_id', 'revoked_at'])
    .where('id', '=', input.activationId)
    .executeTakeFirst();
  // One message for every refusal: do not tell a prober which half was wrong.
  if (!activation || activation.customer_id !== input.customerId || activation.revoked_at !== null) {
    throw new BulwarkError('UNAUTHENTICATED', 'unknown or revoked ActivationId for this CustomerId');
  }
  const scope = new TenantScope(db, input.customerId);
  const identityHash = sha256Hex(input.identity);
  const credential = newSecret('bws');
  return scope.transaction(async (tx) => {
    const existing = await tx
      .selectFrom('sensors')
      .select(['id', 'host_id', 'revoked_at'])
      .where('identity_hash', '=', identityHash)
      .executeTakeFirst();
    if (existing && existing.revoked_at !== null) {
      throw new BulwarkError('FORBIDDEN', `sensor ${existing.id} has been revoked; it cannot re-activate`);
    }
    const hostId = await upsertHost(tx, existing?.host_id ?? null, input, now);
    const fields = {
      activation_id: input.activationId,
      host_id: hostId,
      hostname: input.hostname,
      ip_address: input.ipAddresses[0] ?? null,
      ip_addresses_json: JSON.stringify(input.ipAddresses),
      version: input.sensorVersion,
      sensor_type: input.mode,
      status: 'ACTIVE' as SensorStatus,
      docker_version: input.dockerVersion,
      operating_system: input.operatingSystem,
      credential_hash: sha256Hex(credential),
      last_checked_in: now,
    };
    if (existing) {
      await tx.updateTable('sensors').set(fields).where('id', '=', existing.id).execute();
      return { sensorUuid: existing.id, customerId: input.customerId, credential, reactivated: true };
    }
    const id = randomUUID();
    await tx.insert('sensors', [
      { id, ...fields, identity_hash: identityHash, queue_depth: 0, revoked_at: null, created_at: now },
    ]);
    return { sensorUuid: id, customerId: input.customerId, credential, reactivated: false };
  });
}

export interface SensorPrincipal {
  sensorId: string;
  customerId: string;
  hostId: string | null;
  mode: SensorType;
}

/** The sensor a credential belongs to, or null when unknown or revoked. */
export async function sensorForCredential(
  db: Kysely<Database>,
  credential: string,
): Promise<SensorPrincipal | null> {
  const row = await db
    .selectFrom('sensors')
    .select(['id', 'customer_id', 'host_id', 'sensor_type', 'revoked_at'])
    .where('credential_hash', '=', sha256Hex(credential))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  return { sensorId: row.id, customerId: row.customer_id, hostId: row.host_id, mode: row.sensor_type };
}

export interface HeartbeatInput {
  version: string;
  mode: SensorType;
  status: Exclude<SensorStatus, 'UNKNOWN'>;
  queueDepth: number;
}

export async function recordHeartbeat(
  scope: TenantScope,
  sensorId: string,
  hb: HeartbeatInput,
  now = Date.now(),
): Promise<void> {
  await scope
    .updateTable('sensors')
    .set({
      version: hb.version,
      sensor_type: hb.mode,
      status: hb.status,
      queue_depth: hb.queueDepth,
      last_checked_in: now,
    })
    .where('id', '=', sensorId)
    .execute();
}

/** Voids the sensor's credential for good: its requests get 401, re-activation is refused. */
export async function revokeSensor(scope: TenantScope, sensorId: string, now = Date.now()): Promise<void> {
  const res = await scope
    .updateTable('sensors')
    .set({ revoked_at: now, credential_hash: null })
    .where('id', '=', sensorId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new BulwarkError('NOT_FOUND', `no sensor ${sensorId}`);
}

/**
 * Every sensor (all customers) silent for longer than `silentMs` becomes UNKNOWN. Run by a
 * periodic job; idempotent (a second run finds nothing more to change).
 */
export async function markSilentSensorsUnknown(
  db: Kysely<Database>,
  silentMs: number,
  now = Date.now(),
): Promise<number> {
  const res = await db
    .updateTable('sensors')
    .set({ status: 'UNKNOWN' })
    .where('status', '!=', 'UNKNOWN')
    .where((eb) => eb.or([eb('last_checked_in', '<', now - silentMs), eb('last_checked_in', 'is', null)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
