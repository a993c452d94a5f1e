/**
 * The platform's one schema, as Kysely sees it. Both dialects' migrations create exactly
 * these tables and columns (snake_case).
 *
 * Conventions, so queries read the same on SQLite and PostgreSQL:
 * - Every inventory and account row carries `customer_id`; repositories add the tenant
 *   scope in one place (`src/db/tenant.ts`). `vulnerabilities` are reference data shared by
 *   every customer and have no customer.
 * - Timestamps are epoch milliseconds as integers (`bigint` in PostgreSQL, converted to
 *   `number` by the pg type parser in `src/db/dialects.ts`).
 * - Booleans are integers 0/1 (SQLite has no boolean type).
 * - Ids exposed in the API are text UUIDs; the big child tables (software, findings) use
 *   integer ids to keep them small.
 * - JSON arrays/objects that are only ever shown, never queried, are JSON text columns
 *   (`*_json`); anything QQL filters on has its own table or column.
 */
import type { Generated } from 'kysely';

/** Epoch milliseconds. */
export type Millis = number;
/** 0 or 1. */
export type Bool = number;

export type AssetType = 'IMAGE' | 'CONTAINER';

export interface CustomersTable {
  id: string;
  name: string;
  created_at: Millis;
}

export interface UsersTable {
  id: string;
  customer_id: string;
  /** Unique across customers: Basic auth carries no customer. */
  username: string;
  /** scrypt, `scrypt$N$r$p$salt$hash` (base64 parts). */
  password_hash: string;
  created_at: Millis;
  disabled_at: Millis | null;
}

export interface RolesTable {
  id: string;
  customer_id: string;
  name: string;
  created_at: Millis;
}

/** Permission names are listed in `src/db/permissions.ts`. */
export interface RolePermissionsTable {
  role_id: string;
  customer_id: string;
  permission: string;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
  customer_id: string;
}

export interface ApiTokensTable {
  id: string;
  customer_id: string;
  user_id: string;
  name: string;
  /** sha256 of the secret, hex; the secret itself is shown once and never stored. */
  token_hash: string;
  created_at: Millis;
  expires_at: Millis | null;
  revoked_at: Millis | null;
  last_used_at: Millis | null;
}

/** The ActivationId a sensor presents, with the CustomerId, to activate. */
export interface ActivationIdsTable {
  id: string;
  customer_id: string;
  name: string;
  created_at: Millis;
  revoked_at: Millis | null;
}

export interface HostsTable {
  id: string;
  customer_id: string;
  hostname: string;
  ip_address: string | null;
  created_at: Millis;
  updated_at: Millis;
  /** The host UUID its sensor reported (HostIdSearchDir marker or kept in Storage); null before issue 11. */
  host_uuid: string | null;
}

export type SensorStatus = 'ACTIVE' | 'INACTIVE' | 'UNKNOWN';
export type SensorType = 'GENERAL' | 'CICD' | 'REGISTRY';

export interface SensorsTable {
  /** The sensor UUID. */
  id: string;
  customer_id: string;
  activation_id: string | null;
  host_id: string | null;
  hostname: string;
  ip_address: string | null;
  version: string | null;
  sensor_type: SensorType;
  status: SensorStatus;
  docker_version: string | null;
  operating_system: string | null;
  /** sha256 hex of the sensor's credential (issue 10). */
  credential_hash: string | null;
  created_at: Millis;
  last_checked_in: Millis | null;
  /** sha256 hex of the identity the sensor keeps in its storage; re-activating with it is the same sensor. */
  identity_hash: string | null;
  /** JSON array of the host's IP addresses, as the sensor reported them. */
  ip_addresses_json: string | null;
  /** Uploads waiting in the sensor's durable queue, from its last heartbeat. */
  queue_depth: number | null;
  /** Set when an operator revokes the sensor's credential: every sensor request is then refused. */
  revoked_at: Millis | null;
}

/** Server-managed sensor configuration of a customer, handed out in heartbeat answers. */
export interface SensorSettingsTable {
  customer_id: string;
  /** JSON of `SensorConfig` (src/server/sensor/sensor-config.ts); absent fields take the defaults. */
  config_json: string;
  /** The newest sensor version the operator has configured; older sensors are told "update available". */
  latest_version: string | null;
  updated_at: Millis;
}

/** One accepted sensor upload: a replay with the same key is answered without being applied again. */
export interface IngestReceiptsTable {
  customer_id: string;
  /** The uploader: a sensor UUID, or `user:<id>` for `scan image --upload`. */
  uploader: string;
  idempotency_key: string;
  /** `inventory`, `events`, `sbom`. */
  kind: string;
  /** JSON of the answer first given, replayed as is. */
  response_json: string;
  received_at: Millis;
}

/** Severity counts of open findings, kept on the asset so lists and sorts need no join. */
export interface SeverityCounts {
  severity1_count: number;
  severity2_count: number;
  severity3_count: number;
  severity4_count: number;
  severity5_count: number;
  /** Highest severity with an open finding, 0 when none. */
  max_severity: number;
}

export interface ImagesTable extends SeverityCounts {
  /** The image UUID. */
  id: string;
  customer_id: string;
  /** 64-hex config digest (without `sha256:`). */
  sha: string;
  /** First 12 hex of `sha`. */
  image_id: string;
  size: number | null;
  /** Build time from the image config. */
  created: Millis | null;
  first_seen: Millis;
  last_scanned: Millis | null;
  operating_system: string | null;
  architecture: string | null;
  /** Set when a scan found a problem that left the inventory incomplete. */
  scan_error: string | null;
  updated_at: Millis;
}

/** One registry/repository:tag the image is known under. */
export interface ImageReposTable {
  id: Generated<number>;
  customer_id: string;
  image_uuid: string;
  registry: string;
  repository: string;
  tag: string | null;
  /** The registry row this tag was seen through (registry scans), if any. */
  registry_uuid: string | null;
}

/** Where an image was seen: `GENERAL`, `REGISTRY`, `CICD`. */
export interface ImageSourcesTable {
  customer_id: string;
  image_uuid: string;
  source: string;
}

export interface LabelsTable {
  id: Generated<number>;
  customer_id: string;
  key: string;
  value: string;
}

export interface ImageLabelsTable extends LabelsTable {
  image_uuid: string;
}

export interface ContainerLabelsTable extends LabelsTable {
  container_uuid: string;
}

export type ContainerState = 'CREATED' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'DELETED';

export interface ContainersTable extends SeverityCounts {
  /** The container UUID. */
  id: string;
  customer_id: string;
  /** 64-hex container id. */
  sha: string;
  /** First 12 hex of `sha`. */
  container_id: string;
  name: string;
  image_uuid: string | null;
  image_sha: string | null;
  /** First 12 hex of `image_sha`. */
  image_id: string | null;
  host_id: string | null;
  sensor_id: string | null;
  state: ContainerState;
  created: Millis | null;
  state_changed: Millis | null;
  last_scanned: Millis | null;
  privileged: Bool;
  is_rogue: Bool;
  path: string | null;
  command: string | null;
  hostname: string | null;
  mac_address: string | null;
  ipv4: string | null;
  ipv6: string | null;
  operating_system: string | null;
  arguments_json: string | null;
  environment_json: string | null;
  port_mapping_json: string | null;
  updated_at: Millis;
  /** JSON of the rogue comparison with the image (src/server/ingest/rogue.ts), null until both SBOMs are in. */
  rogue_json: string | null;
  /** Why the uploaded SBOM could not be (fully) checked; null when it was (migration 0006). */
  scan_error: string | null;
}

/** A package found in an image or a container (its writable layer included). */
export interface SoftwareTable {
  id: Generated<number>;
  customer_id: string;
  asset_type: AssetType;
  /** images.id or containers.id. */
  asset_uuid: string;
  name: string;
  version: string;
  /** OSV ecosystem spelling: `Debian:12`, `npm`, `PyPI`... */
  ecosystem: string | null;
  /** `os` or `lang`. */
  kind: string;
  purl: string | null;
  source_name: string | null;
  source_version: string | null;
  layer_digest: string | null;
  path: string | null;
  /** What matching needs beyond the columns (package type, OS, confidence…): see src/server/matching/package-row.ts. */
  match_json: Generated<string | null>;
}

/** Advisory-level vulnerability data, shared by every customer. */
export interface VulnerabilitiesTable {
  /** The advisory id (OSV id, e.g. `CVE-2024-1234`, `DSA-5000-1`, `GHSA-…`). */
  id: string;
  /** A stable integer id, like the reference product's QID. */
  qid: number;
  /** The CVE this advisory is or aliases, when there is one. */
  cve: string | null;
  title: string;
  /** 1 (info) to 5 (urgent). */
  severity: number;
  cvss_score: number | null;
  cvss_vector: string | null;
  published: Millis | null;
  modified: Millis | null;
  aliases_json: string;
}

export interface VulnerabilityAliasesTable {
  vulnerability_id: string;
  alias: string;
}

/** Asset × package × vulnerability. Closed, never deleted, when it goes away. */
export interface FindingsTable {
  id: Generated<number>;
  customer_id: string;
  asset_type: AssetType;
  asset_uuid: string;
  software_id: number;
  vulnerability_id: string;
  /** Copied from the vulnerability so severity filters need no join. */
  severity: number;
  fixed_version: string | null;
  first_found: Millis;
  last_found: Millis;
  closed_at: Millis | null;
  /** 1 when the version is definitely in an affected range; 0 for a potential finding. */
  confirmed: Generated<Bool>;
  patchable: Generated<Bool>;
  /** The matcher's evidence (`explain`), JSON. */
  evidence_json: string | null;
}

/** The advisory versions (OSV `modified`) the stored findings were last matched against. */
export interface AdvisoryMarksTable {
  id: string;
  /** `modified` and `withdrawn` of the record: any change to either re-matches it. */
  modified: string;
  /** JSON `[ecosystem, name][]` the record named, so a removed record's packages are found again. */
  keys_json: string;
}

/** Data retention per customer: `rule` names what is purged after `days` (1–365). */
export interface RetentionRulesTable {
  customer_id: string;
  rule: string;
  days: number;
}

/** One run of a background job (purge, re-match, db update), for operators and tests. */
export interface JobRunsTable {
  id: string;
  name: string;
  state: 'RUNNING' | 'COMPLETED' | 'FAILED';
  /** Which server process ran it. */
  runner: string;
  started_at: Millis;
  finished_at: Millis | null;
  result_json: string | null;
}

export interface EventsTable {
  id: string;
  customer_id: string;
  event_occurred: Millis;
  /** Docker action: `start`, `die`, `exec_start`, `pull`, `tag`... */
  event: string;
  /** `CONTAINER`, `IMAGE`. */
  type: string;
  /** `DOCKER`. */
  category: string;
  context: string | null;
  sensor_id: string | null;
  host_id: string | null;
  container_uuid: string | null;
  container_id: string | null;
  container_sha: string | null;
  image_uuid: string | null;
  image_id: string | null;
  image_sha: string | null;
  name: string | null;
}

export interface RegistriesTable {
  id: string;
  customer_id: string;
  registry_uri: string;
  /** `AWS`, `DockerHub`, `V2`, `V2-Private`. */
  registry_type: string;
  /** `None`, `Token`, `BasicAuth`, `DockerHub`, `AWS`. */
  credential_type: string;
  username: string | null;
  /** Kept as given (base64 per the reference); never returned by the API. */
  password: string | null;
  token: string | null;
  docker_hub_org_name: string | null;
  aws_account_id: string | null;
  aws_arn: string | null;
  aws_region: string | null;
  /** Sealed (AES-256-GCM) like `password` and `token`; added by 0007. */
  aws_access_key_id: string | null;
  aws_secret_access_key: string | null;
  created_at: Millis;
  updated_at: Millis;
  last_scanned: Millis | null;
}

export interface RegistryRepositoriesTable {
  id: Generated<number>;
  customer_id: string;
  registry_uuid: string;
  name: string;
  tags_count: number;
  last_scanned: Millis | null;
  /** JSON array of the tags the last listing found (0007). */
  tags_json: string | null;
}

export interface AwsConnectorsTable {
  id: string;
  customer_id: string;
  name: string;
  description: string | null;
  arn: string;
  external_id: string;
  account_id: string;
  created_at: Millis;
}

export type ScheduleStatus = 'CREATED' | 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface RegistrySchedulesTable {
  id: string;
  customer_id: string;
  registry_uuid: string;
  name: string;
  /** `ON_DEMAND` or `DAILY`. */
  schedule_type: string;
  /** `HH:MM` UTC for daily schedules. */
  time_of_day: string | null;
  /** JSON: `[{repoTags: [{repo, tag}]}]`-style filters, shown as given. */
  filters_json: string;
  status: ScheduleStatus;
  created_at: Millis;
  updated_at: Millis;
  last_run: Millis | null;
  /** IANA time zone `time_of_day` is read in (0007; null: UTC). */
  time_zone: string | null;
  tag_filter: string | null;
  /** `glob` or `regex`. */
  tag_filter_kind: string | null;
  pushed_within_days: number | null;
  /** When a DAILY schedule fires next (epoch ms). */
  next_run_at: Millis | null;
}

/** One run of a registry schedule (0007); `state` is Queued, Running, Completed or Failed. */
export interface RegistryScanJobsTable {
  id: string;
  customer_id: string;
  registry_uuid: string;
  schedule_uuid: string;
  state: string;
  /** JSON array of `{repository, tag?, digest?}`; null until the server has listed them. */
  images_json: string | null;
  error: string | null;
  sensor_id: string | null;
  created_at: Millis;
  claimed_at: Millis | null;
  finished_at: Millis | null;
  updated_at: Millis;
}

/** One image's result within a scan job (0007). */
export interface RegistryScanJobImagesTable {
  id: Generated<number>;
  customer_id: string;
  job_id: string;
  image_key: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  image_id: string | null;
  /** `scanned` or `failed`. */
  status: string;
  error: string | null;
  updated_at: Millis;
}

export type DeletionJobState = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface DeletionJobsTable {
  id: string;
  customer_id: string;
  /** `image`, `container`, `sensor`, `registry`, `schedule`. */
  resource: string;
  state: DeletionJobState;
  /** JSON array of the UUIDs the job deletes (resolved from ids or a filter at request time). */
  targets_json: string;
  deleted_count: number;
  /** JSON array of `{uuid, reason}` for targets that were refused. */
  skipped_json: string;
  error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

/** A custom dashboard of the web console; `widgets` is JSON (see dashboards-repository.ts). */
export interface ConsoleDashboardsTable {
  id: string;
  customer_id: string;
  name: string;
  widgets: string;
  created_at: Millis;
  updated_at: Millis;
}

/** Failed logins per key (hashed `user:`/`ip:` key) in a fixed window; shared by replicas. */
export interface LoginFailuresTable {
  key_hash: string;
  failures: number;
  window_start: Millis;
}

/** CI gate: when the server finished matching an image's latest SBOM (migration 0008). */
export interface ImageMatchMarksTable {
  image_uuid: string;
  customer_id: string;
  /** The `images.last_scanned` this mark is about. */
  scanned_at: Millis;
  matched_at: Millis;
  /** 1 when a vulnerability database was there to match against, 0 when nothing was checked. */
  vulns_checked: number;
}

export interface Database {
  customers: CustomersTable;
  users: UsersTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  user_roles: UserRolesTable;
  api_tokens: ApiTokensTable;
  activation_ids: ActivationIdsTable;
  hosts: HostsTable;
  sensors: SensorsTable;
  images: ImagesTable;
  image_repos: ImageReposTable;
  image_sources: ImageSourcesTable;
  image_labels: ImageLabelsTable;
  containers: ContainersTable;
  container_labels: ContainerLabelsTable;
  software: SoftwareTable;
  vulnerabilities: VulnerabilitiesTable;
  vulnerability_aliases: VulnerabilityAliasesTable;
  findings: FindingsTable;
  events: EventsTable;
  registries: RegistriesTable;
  registry_repositories: RegistryRepositoriesTable;
  aws_connectors: AwsConnectorsTable;
  registry_schedules: RegistrySchedulesTable;
  registry_scan_jobs: RegistryScanJobsTable;
  registry_scan_job_images: RegistryScanJobImagesTable;
  deletion_jobs: DeletionJobsTable;
  advisory_marks: AdvisoryMarksTable;
  retention_rules: RetentionRulesTable;
  job_runs: JobRunsTable;
  sensor_settings: SensorSettingsTable;
  ingest_receipts: IngestReceiptsTable;
  console_dashboards: ConsoleDashboardsTable;
  login_failures: LoginFailuresTable;
  image_match_marks: ImageMatchMarksTable;
}

export type TableName = keyof Database;
