/**
 * Registries, their repositories and scan schedules, and AWS connectors of one customer.
 * Secrets (password, token, AWS secret key and key id) are sealed by a `SecretSealer`
 * before they reach a row and opened only for validation and for the registry sensor
 * that claims a job; no list or details answer carries them.
 * A registry with a RUNNING schedule cannot be deleted (reference rule).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import type { RegistriesTable } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { type ListQuery, msString, type Page, pageOf } from './list-query.js';
import { listSchedules } from './registry-schedules-repository.js';

export const REGISTRY_SORT: Record<string, string> = {
  created: 'registries.created_at',
  updated: 'registries.updated_at',
  registryUri: 'registries.registry_uri',
  registryType: 'registries.registry_type',
  lastScanned: 'registries.last_scanned',
};

export interface RegistryInput {
  registryUri: string;
  registryType: string;
  credentialType: string;
  username?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  dockerHubOrgName?: string | undefined;
  aws?:
    | {
        accountId: string;
        arn: string;
        region: string;
        accessKeyId?: string | undefined;
        secretAccessKey?: string | undefined;
      }
    | undefined;
}

/** Seals and opens secrets; `context` (row and column) is bound to the sealed value. */
export interface SecretSealer {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const SECRET_COLUMNS = ['password', 'token', 'aws_access_key_id', 'aws_secret_access_key'] as const;
type SecretColumn = (typeof SECRET_COLUMNS)[number];
const secretContext = (registryUuid: string, column: SecretColumn) => `registries/${registryUuid}/${column}`;

/** A registry with its secrets opened (and base64 decoded): for validation and the sensor. */
export interface RegistryWithSecrets {
  uuid: string;
  uri: string;
  type: string;
  credentialType: string;
  username: string | null;
  password: string | null;
  token: string | null;
  dockerHubOrgName: string | null;
  awsAccountId: string | null;
  awsArn: string | null;
  awsRegion: string | null;
  awsAccessKeyId: string | null;
  awsSecretAccessKey: string | null;
}

export function openRegistry(r: RegistriesTable, sealer: SecretSealer): RegistryWithSecrets {
  const open = (column: SecretColumn) => {
    const v = r[column];
    return v === null ? null : sealer.open(v, secretContext(r.id, column));
  };
  return {
    uuid: r.id,
    uri: r.registry_uri,
    type: r.registry_type,
    credentialType: r.credential_type,
    username: decoded(r.username),
    password: decoded(open('password')),
    token: open('token'),
    dockerHubOrgName: r.docker_hub_org_name,
    awsAccountId: r.aws_account_id,
    awsArn: r.aws_arn,
    awsRegion: r.aws_region,
    awsAccessKeyId: open('aws_access_key_id'),
    awsSecretAccessKey: open('aws_secret_access_key'),
  };
}

export async function registryWithSecrets(scope: TenantScope, uuid: string, sealer: SecretSealer) {
  const r = await scope.selectFrom('registries').selectAll().where('id', '=', uuid).executeTakeFirst();
  return r ? openRegistry(r, sealer) : null;
}

function toRegistry(r: RegistriesTable) {
  return {
    registryUuid: r.id,
    registryUri: r.registry_uri,
    registryType: r.registry_type,
    credentialType: r.credential_type,
    username: r.username,
    dockerHubOrgName: r.docker_hub_org_name,
    aws: r.aws_account_id ? { accountId: r.aws_account_id, arn: r.aws_arn, region: r.aws_region } : null,
    created: msString(r.created_at),
    updated: msString(r.updated_at),
    lastScanned: msString(r.last_scanned),
  };
}

export async function listRegistries(scope: TenantScope, q: ListQuery<'registries'>) {
  let rows = scope.selectFrom('registries').selectAll('registries');
  let countQuery = scope.selectFrom('registries').select(sql<number>`count(*)`.as('n'));
  if (q.filter) {
    rows = rows.where(q.filter);
    countQuery = countQuery.where(q.filter);
  }
  const [data, count] = await Promise.all([
    pageOf(rows, q, REGISTRY_SORT, 'registries.id').execute(),
    countQuery.executeTakeFirstOrThrow(),
  ]);
  const page: Page<ReturnType<typeof toRegistry>> = { data: data.map(toRegistry), count: Number(count.n) };
  return page;
}

export async function registryDetails(scope: TenantScope, uuid: string) {
  const r = await scope.selectFrom('registries').selectAll().where('id', '=', uuid).executeTakeFirst();
  if (!r) return null;
  const schedules = await listSchedules(scope, uuid);
  const repos = await scope
    .selectFrom('registry_repositories')
    .select(sql<number>`count(*)`.as('n'))
    .where('registry_uuid', '=', uuid)
    .executeTakeFirstOrThrow();
  const images = await registryImageCounts(scope, uuid);
  return {
    ...toRegistry(r),
    repositoriesCount: Number(repos.n),
    vulnerableImagesCount: images.vulnerable,
    uncheckedImagesCount: images.unchecked,
    schedules,
  };
}

/** The reference sends username and password base64-encoded; they are stored as sent. */
function decoded(v: string | null): string | null {
  return v === null ? null : Buffer.from(v, 'base64').toString('utf8');
}

function columns(uuid: string, input: RegistryInput, sealer: SecretSealer) {
  const sealed = (column: SecretColumn, v: string | undefined) =>
    v === undefined || v === '' ? null : sealer.seal(v, secretContext(uuid, column));
  return {
    registry_uri: input.registryUri,
    registry_type: input.registryType,
    credential_type: input.credentialType,
    username: input.username ?? null,
    password: sealed('password', input.password),
    token: sealed('token', input.token),
    docker_hub_org_name: input.dockerHubOrgName ?? null,
    aws_account_id: input.aws?.accountId ?? null,
    aws_arn: input.aws?.arn ?? null,
    aws_region: input.aws?.region ?? null,
    aws_access_key_id: sealed('aws_access_key_id', input.aws?.accessKeyId),
    aws_secret_access_key: sealed('aws_secret_access_key', input.aws?.secretAccessKey),
  };
}

export async function createRegistry(
  scope: TenantScope,
  input: RegistryInput,
  sealer: SecretSealer,
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await scope.insert('registries', [
    { id, ...columns(id, input, sealer), created_at: now, updated_at: now, last_scanned: null },
  ]);
  return id;
}

/**
 * Replaces the configuration. A secret left out keeps the stored one while the credential
 * type stays the same (the API never hands secrets back, so a client editing the URI
 * cannot resend them); a new credential type starts from what the body gives.
 */
export async function updateRegistry(
  scope: TenantScope,
  uuid: string,
  input: RegistryInput,
  sealer: SecretSealer,
): Promise<boolean> {
  const current = await scope.selectFrom('registries').selectAll().where('id', '=', uuid).executeTakeFirst();
  if (!current) return false;
  const next = columns(uuid, input, sealer);
  if (current.credential_type === input.credentialType) {
    for (const c of SECRET_COLUMNS) next[c] ??= current[c];
    if (input.username === undefined) next.username = current.username;
  }
  const res = await scope
    .updateTable('registries')
    .set({ ...next, updated_at: Date.now() })
    .where('id', '=', uuid)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Deletes the customer's registries among `uuids`, all or nothing: unknown ones are
 * NOT_FOUND, ones with a RUNNING schedule are CONFLICT.
 */
export async function deleteRegistries(scope: TenantScope, uuids: string[]): Promise<string[]> {
  return scope.transaction(async (tx) => {
    const unique = [...new Set(uuids)];
    const found = await tx.selectFrom('registries').select('id').where('id', 'in', unique).execute();
    const missing = unique.filter((u) => !found.some((f) => f.id === u));
    if (missing.length > 0) throw new BulwarkError('NOT_FOUND', `no registry ${missing.join(', ')}`);
    const running = await tx
      .selectFrom('registry_schedules')
      .select('registry_uuid')
      .where('registry_uuid', 'in', unique)
      .where('status', '=', 'RUNNING')
      .execute();
    // A scan job a sensor is running counts too, whatever its schedule's status says.
    const jobs = await tx
      .selectFrom('registry_scan_jobs')
      .select('registry_uuid')
      .where('registry_uuid', 'in', unique)
      .where('state', '=', 'Running')
      .execute();
    running.push(...jobs);
    if (running.length > 0) {
      const ids = [...new Set(running.map((r) => r.registry_uuid))];
      throw new BulwarkError(
        'CONFLICT',
        `You cannot delete registries whose schedules are in "Running" state: registry ${ids.join(', ')} has a running schedule`,
      );
    }
    const jobIds = tx.selectFrom('registry_scan_jobs').select('id').where('registry_uuid', 'in', unique);
    await tx.deleteFrom('registry_scan_job_images').where('job_id', 'in', jobIds).execute();
    await tx.deleteFrom('registry_scan_jobs').where('registry_uuid', 'in', unique).execute();
    await tx.deleteFrom('registry_schedules').where('registry_uuid', 'in', unique).execute();
    await tx.deleteFrom('registry_repositories').where('registry_uuid', 'in', unique).execute();
    await tx.deleteFrom('registries').where('id', 'in', unique).execute();
    return unique;
  });
}

export async function listRepositories(scope: TenantScope, registryUuid: string) {
  const rows = await scope
    .selectFrom('registry_repositories')
    .selectAll()
    .where('registry_uuid', '=', registryUuid)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    repoName: r.name,
    tagsCount: r.tags_count,
    lastScanned: msString(r.last_scanned),
  }));
}

export interface AwsConnectorInput {
  name: string;
  description?: string | undefined;
  arn: string;
  externalId: string;
}

/** `arn:aws:iam::<12 digits>:role/<name>` → the account id. */
export function accountIdOfArn(arn: string): string | null {
  return /^arn:aws:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/.exec(arn)?.[1] ?? null;
}

export async function createAwsConnector(scope: TenantScope, input: AwsConnectorInput): Promise<string> {
  const accountId = accountIdOfArn(input.arn);
  if (!accountId) throw new BulwarkError('BAD_REQUEST', `arn "${input.arn}" is not an IAM role ARN`);
  const id = randomUUID();
  await scope.insert('aws_connectors', [
    {
      id,
      name: input.name,
      description: input.description ?? null,
      arn: input.arn,
      external_id: input.externalId,
      account_id: accountId,
      created_at: Date.now(),
    },
  ]);
  return id;
}

export async function listAwsConnectors(scope: TenantScope, accountId?: string) {
  let q = scope.selectFrom('aws_connectors').selectAll().orderBy('created_at').orderBy('id');
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  const rows = await q.execute();
  return rows.map((r) => ({
    connectorUuid: r.id,
    name: r.name,
    description: r.description,
    arn: r.arn,
    externalId: r.external_id,
    accountId: r.account_id,
    created: msString(r.created_at),
  }));
}

/** Records what a listing found for one repository (its tags, as the registry lists them). */
export async function saveRepository(
  scope: TenantScope,
  registryUuid: string,
  name: string,
  tags: string[],
  now: number,
) {
  const res = await scope
    .updateTable('registry_repositories')
    .set({ tags_count: tags.length, tags_json: JSON.stringify(tags), last_scanned: now })
    .where('registry_uuid', '=', registryUuid)
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return;
  await scope.insert('registry_repositories', [
    {
      registry_uuid: registryUuid,
      name,
      tags_count: tags.length,
      tags_json: JSON.stringify(tags),
      last_scanned: now,
    },
  ]);
}

export async function repositoryTags(scope: TenantScope, registryUuid: string, name: string) {
  const row = await scope
    .selectFrom('registry_repositories')
    .select('tags_json')
    .where('registry_uuid', '=', registryUuid)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? (JSON.parse(row.tags_json ?? '[]') as string[]) : null;
}

/** A 404 unless the caller's customer has this registry (routes under /registry/{id}). */
export async function requireRegistry(scope: TenantScope, uuid: string): Promise<void> {
  const found = await scope.selectFrom('registries').select('id').where('id', '=', uuid).executeTakeFirst();
  if (!found) throw new BulwarkError('NOT_FOUND', `no registry ${uuid}`);
}

/**
 * Images seen through this registry (SBOMs uploaded with its uuid): how many have an open
 * finding, and how many could not be checked (`scan_error` set) — without the second, a
 * registry whose images were never matched would read "0 vulnerable", a false clean.
 */
export async function registryImageCounts(
  scope: TenantScope,
  registryUuid: string,
): Promise<{ vulnerable: number; unchecked: number }> {
  const row = await scope
    .selectFrom('images')
    .select([
      sql<number | string | null>`sum(case when images.max_severity > 0 then 1 else 0 end)`.as('vulnerable'),
      sql<number | string | null>`sum(case when images.scan_error is not null then 1 else 0 end)`.as(
        'unchecked',
      ),
    ])
    .where(
      'images.id',
      'in',
      scope
        .selectFrom('image_repos')
        .select('image_repos.image_uuid')
        .where('image_repos.registry_uuid', '=', registryUuid),
    )
    .executeTakeFirstOrThrow();
  return { vulnerable: Number(row.vulnerable ?? 0), unchecked: Number(row.unchecked ?? 0) };
}

/** Marks the image's tags under the registry's host as seen through it (registry-sensor SBOM uploads). */
export async function markRegistryImage(
  scope: TenantScope,
  imageUuid: string,
  registryUuid: string,
): Promise<void> {
  const known = await scope
    .selectFrom('registries')
    .select(['registry_uri', 'registry_type'])
    .where('id', '=', registryUuid)
    .executeTakeFirst();
  if (!known) throw new BulwarkError('NOT_FOUND', `no registry ${registryUuid}`);
  // Only the tags under this registry's host: the image may also be known from elsewhere.
  const host = known.registry_type === 'DockerHub' ? 'docker.io' : new URL(known.registry_uri).host;
  await scope
    .updateTable('image_repos')
    .set({ registry_uuid: registryUuid })
    .where('image_uuid', '=', imageUuid)
    .where('registry', '=', host)
    .execute();
}
