/**
 * Writes inventory rows for one customer: used by test seeds and the bench today, and by
 * sensor ingest (issue 10). Severity counts on the asset are recomputed from its open
 * findings, so they cannot drift from what the findings say.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AssetType, ContainerState, Database, SensorStatus, SensorType } from '../schema.js';
import type { TenantScope } from '../tenant.js';

export interface VulnerabilityInput {
  id: string;
  qid: number;
  cve?: string | null;
  title: string;
  severity: number;
  cvssScore?: number | null;
  aliases?: string[];
  published?: number | null;
}

/** Vulnerabilities are shared reference data: inserted once, whoever references them. */
export async function upsertVulnerabilities(
  db: Kysely<Database>,
  vulns: VulnerabilityInput[],
): Promise<void> {
  for (const v of vulns) {
    await db
      .insertInto('vulnerabilities')
      .values({
        id: v.id,
        qid: v.qid,
        cve: v.cve ?? null,
        title: v.title,
        severity: v.severity,
        cvss_score: v.cvssScore ?? null,
        cvss_vector: null,
        published: v.published ?? null,
        modified: null,
        aliases_json: JSON.stringify(v.aliases ?? []),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const alias of v.aliases ?? []) {
      await db
        .insertInto('vulnerability_aliases')
        .values({ vulnerability_id: v.id, alias })
        .onConflict((oc) => oc.columns(['vulnerability_id', 'alias']).doNothing())
        .execute();
    }
  }
}

export interface SoftwareInput {
  name: string;
  version: string;
  ecosystem?: string | null;
  kind?: 'os' | 'lang';
  purl?: string | null;
  /** Vulnerability ids (already upserted) this package has, with an optional fixed version. */
  vulnerabilities?: { id: string; severity: number; fixedVersion?: string | null }[];
}

async function writeSoftware(
  scope: TenantScope,
  assetType: AssetType,
  assetUuid: string,
  software: SoftwareInput[],
  now: number,
): Promise<void> {
  for (const s of software) {
    const row = await scope.db
      .insertInto('software')
      .values({
        customer_id: scope.customerId,
        asset_type: assetType,
        asset_uuid: assetUuid,
        name: s.name,
        version: s.version,
        ecosystem: s.ecosystem ?? null,
        kind: s.kind ?? 'os',
        purl: s.purl ?? null,
        source_name: null,
        source_version: null,
        layer_digest: null,
        path: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await scope.insert(
      'findings',
      (s.vulnerabilities ?? []).map((v) => ({
        asset_type: assetType,
        asset_uuid: assetUuid,
        software_id: Number(row.id),
        vulnerability_id: v.id,
        severity: v.severity,
        fixed_version: v.fixedVersion ?? null,
        first_found: now,
        last_found: now,
        closed_at: null,
      })),
    );
  }
  await refreshSeverityCounts(scope, assetType, assetUuid);
}

/** Recomputes the asset's severityNCount columns from its open findings (distinct vulnerabilities). */
export async function refreshSeverityCounts(
  scope: TenantScope,
  assetType: AssetType,
  uuid: string,
): Promise<void> {
  await refreshSeverityCountsOf(scope, assetType, [uuid]);
}

/**
 * The same for many assets of one type: one grouped read for all of them, then one update
 * each, in a single transaction (a re-match refreshes hundreds of thousands of assets).
 */
export async function refreshSeverityCountsOf(
  scope: TenantScope,
  assetType: AssetType,
  uuids: readonly string[],
): Promise<void> {
  if (uuids.length === 0) return;
  const rows = await scope
    .selectFrom('findings')
    .select(['asset_uuid', 'severity', sql<number>`count(distinct findings.vulnerability_id)`.as('n')])
    .where('asset_uuid', 'in', uuids)
    .where('closed_at', 'is', null)
    .groupBy(['asset_uuid', 'severity'])
    .execute();
  const bySeverity = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const m = bySeverity.get(r.asset_uuid) ?? new Map<number, number>();
    bySeverity.set(r.asset_uuid, m);
    m.set(r.severity, Number(r.n));
  }
  const write = async (tx: TenantScope) => {
    for (const uuid of uuids) {
      const m = bySeverity.get(uuid) ?? new Map<number, number>();
      const n = (s: number) => m.get(s) ?? 0;
      const counts = {
        severity1_count: n(1),
        severity2_count: n(2),
        severity3_count: n(3),
        severity4_count: n(4),
        severity5_count: n(5),
        max_severity: Math.max(0, ...[...m].filter(([, c]) => c > 0).map(([s]) => s)),
      };
      if (assetType === 'IMAGE') await tx.updateTable('images').set(counts).where('id', '=', uuid).execute();
      else await tx.updateTable('containers').set(counts).where('id', '=', uuid).execute();
    }
  };
  if (uuids.length === 1) await write(scope);
  else await scope.transaction(write);
}

export interface ImageInput {
  uuid?: string;
  sha: string;
  size?: number | null;
  created?: number | null;
  lastScanned?: number | null;
  operatingSystem?: string | null;
  repos?: { registry: string; repository: string; tag: string | null; registryUuid?: string | null }[];
  sources?: string[];
  labels?: { key: string; value: string }[];
  software?: SoftwareInput[];
}

/** A new asset's severity counters, before any finding. */
export const ZERO_COUNTS = {
  severity1_count: 0,
  severity2_count: 0,
  severity3_count: 0,
  severity4_count: 0,
  severity5_count: 0,
  max_severity: 0,
};

export async function writeImage(scope: TenantScope, input: ImageInput, now = Date.now()): Promise<string> {
  const id = input.uuid ?? randomUUID();
  await scope.insert('images', [
    {
      id,
      sha: input.sha,
      image_id: input.sha.slice(0, 12),
      size: input.size ?? null,
      created: input.created ?? null,
      first_seen: now,
      last_scanned: input.lastScanned ?? null,
      operating_system: input.operatingSystem ?? null,
      architecture: null,
      scan_error: null,
      updated_at: now,
      ...ZERO_COUNTS,
    },
  ]);
  await scope.insert(
    'image_repos',
    (input.repos ?? []).map((r) => ({
      image_uuid: id,
      registry: r.registry,
      repository: r.repository,
      tag: r.tag,
      registry_uuid: r.registryUuid ?? null,
    })),
  );
  await scope.insert(
    'image_sources',
    (input.sources ?? ['GENERAL']).map((source) => ({ image_uuid: id, source })),
  );
  await scope.insert(
    'image_labels',
    (input.labels ?? []).map((l) => ({ image_uuid: id, ...l })),
  );
  await writeSoftware(scope, 'IMAGE', id, input.software ?? [], now);
  return id;
}

export async function writeHost(scope: TenantScope, hostname: string, ip: string | null, now = Date.now()) {
  const id = randomUUID();
  await scope.insert('hosts', [{ id, hostname, ip_address: ip, created_at: now, updated_at: now }]);
  return id;
}

export interface SensorInput {
  uuid?: string;
  hostId: string | null;
  hostname: string;
  ipAddress?: string | null;
  status?: SensorStatus;
  sensorType?: SensorType;
  version?: string | null;
}

export async function writeSensor(scope: TenantScope, input: SensorInput, now = Date.now()): Promise<string> {
  const id = input.uuid ?? randomUUID();
  await scope.insert('sensors', [
    {
      id,
      activation_id: null,
      host_id: input.hostId,
      hostname: input.hostname,
      ip_address: input.ipAddress ?? null,
      version: input.version ?? null,
      sensor_type: input.sensorType ?? 'GENERAL',
      status: input.status ?? 'ACTIVE',
      docker_version: null,
      operating_system: null,
      credential_hash: null,
      created_at: now,
      last_checked_in: now,
    },
  ]);
  return id;
}

export interface ContainerInput {
  uuid?: string;
  sha: string;
  name: string;
  imageUuid: string | null;
  imageSha: string | null;
  hostId: string | null;
  sensorUuid: string | null;
  state: ContainerState;
  created?: number | null;
  stateChanged?: number | null;
  privileged?: boolean;
  isRogue?: boolean;
  command?: string | null;
  path?: string | null;
  environment?: string[] | null;
  labels?: { key: string; value: string }[];
  software?: SoftwareInput[];
}

export async function writeContainer(
  scope: TenantScope,
  input: ContainerInput,
  now = Date.now(),
): Promise<string> {
  const id = input.uuid ?? randomUUID();
  await scope.insert('containers', [
    {
      id,
      sha: input.sha,
      container_id: input.sha.slice(0, 12),
      name: input.name,
      image_uuid: input.imageUuid,
      image_sha: input.imageSha,
      image_id: input.imageSha?.slice(0, 12) ?? null,
      host_id: input.hostId,
      sensor_id: input.sensorUuid,
      state: input.state,
      created: input.created ?? null,
      state_changed: input.stateChanged ?? null,
      last_scanned: null,
      privileged: input.privileged ? 1 : 0,
      is_rogue: input.isRogue ? 1 : 0,
      path: input.path ?? null,
      command: input.command ?? null,
      hostname: null,
      mac_address: '',
      ipv4: null,
      ipv6: null,
      operating_system: null,
      arguments_json: null,
      environment_json: input.environment ? JSON.stringify(input.environment) : null,
      port_mapping_json: null,
      updated_at: now,
      ...ZERO_COUNTS,
    },
  ]);
  await scope.insert(
    'container_labels',
    (input.labels ?? []).map((l) => ({ container_uuid: id, ...l })),
  );
  await writeSoftware(scope, 'CONTAINER', id, input.software ?? [], now);
  return id;
}

export interface EventInput {
  occurred: number;
  event: string;
  type: 'CONTAINER' | 'IMAGE';
  context?: string | null;
  sensorUuid: string | null;
  hostId: string | null;
  container?: { uuid: string; sha: string; name: string } | null;
  image?: { uuid: string; sha: string } | null;
}

export async function writeEvent(scope: TenantScope, e: EventInput): Promise<string> {
  const id = randomUUID();
  await scope.insert('events', [
    {
      id,
      event_occurred: e.occurred,
      event: e.event,
      type: e.type,
      category: 'DOCKER',
      context: e.context ?? null,
      sensor_id: e.sensorUuid,
      host_id: e.hostId,
      container_uuid: e.container?.uuid ?? null,
      container_id: e.container?.sha.slice(0, 12) ?? null,
      container_sha: e.container?.sha ?? null,
      image_uuid: e.image?.uuid ?? null,
      image_id: e.image?.sha.slice(0, 12) ?? null,
      image_sha: e.image?.sha ?? null,
      name: e.container?.name ?? null,
    },
  ]);
  return id;
}
