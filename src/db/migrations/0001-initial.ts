/**
 * The first schema (see `../schema.ts` for what each column means). One function for
 * both dialects: the only differences are how an auto-increment id is spelled.
 * Timestamps are `bigint` everywhere (SQLite gives it integer affinity).
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

type Table = CreateTableBuilder<string, string>;

export function initialMigration(dialect: DialectName) {
  const serialId = (t: Table): Table =>
    dialect === 'sqlite'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
  const severityCounts = (t: Table): Table =>
    [
      'severity1_count',
      'severity2_count',
      'severity3_count',
      'severity4_count',
      'severity5_count',
      'max_severity',
    ].reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0)), t);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled_at', 'bigint')
        .execute();
      await s
        .createTable('roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('roles_customer_name', ['customer_id', 'name'])
        .execute();
      await s
        .createTable('role_permissions')
        .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('permission', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('role_permissions_pk', ['role_id', 'permission'])
        .execute();
      await s
        .createTable('user_roles')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_id'])
        .execute();
      await s
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
      await s
        .createTable('activation_ids')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await s
        .createTable('hosts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('hostname', 'text', (c) => c.notNull())
        .addColumn('ip_address', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('sensors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('activation_id', 'text')
        .addColumn('host_id', 'text')
        .addColumn('hostname', 'text', (c) => c.notNull())
        .addColumn('ip_address', 'text')
        .addColumn('version', 'text')
        .addColumn('sensor_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('docker_version', 'text')
        .addColumn('operating_system', 'text')
        .addColumn('credential_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_checked_in', 'bigint')
        .execute();
      await severityCounts(
        s
          .createTable('images')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('sha', 'text', (c) => c.notNull())
          .addColumn('image_id', 'text', (c) => c.notNull())
          .addColumn('size', 'bigint')
          .addColumn('created', 'bigint')
          .addColumn('first_seen', 'bigint', (c) => c.notNull())
          .addColumn('last_scanned', 'bigint')
          .addColumn('operating_system', 'text')
          .addColumn('architecture', 'text')
          .addColumn('scan_error', 'text')
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('images_customer_sha', ['customer_id', 'sha']),
      ).execute();
      await serialId(s.createTable('image_repos'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('image_uuid', 'text', (c) => c.notNull().references('images.id').onDelete('cascade'))
        .addColumn('registry', 'text', (c) => c.notNull())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('tag', 'text')
        .addColumn('registry_uuid', 'text')
        .execute();
      await s
        .createTable('image_sources')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('image_uuid', 'text', (c) => c.notNull().references('images.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_sources_pk', ['image_uuid', 'source'])
        .execute();
      for (const [table, owner, ownerTable] of [
        ['image_labels', 'image_uuid', 'images'],
        ['container_labels', 'container_uuid', 'containers'],
      ] as const) {
        if (table === 'container_labels') await createContainers(db, severityCounts);
        await serialId(s.createTable(table))
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn(owner, 'text', (c) => c.notNull().references(`${ownerTable}.id`).onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      }
      await serialId(s.createTable('software'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('asset_type', 'text', (c) => c.notNull())
        .addColumn('asset_uuid', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('ecosystem', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('purl', 'text')
        .addColumn('source_name', 'text')
        .addColumn('source_version', 'text')
        .addColumn('layer_digest', 'text')
        .addColumn('path', 'text')
        .execute();
      await s
        .createTable('vulnerabilities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('qid', 'bigint', (c) => c.notNull().unique())
        .addColumn('cve', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('severity', 'integer', (c) => c.notNull())
        .addColumn('cvss_score', 'double precision')
        .addColumn('cvss_vector', 'text')
        .addColumn('published', 'bigint')
        .addColumn('modified', 'bigint')
        .addColumn('aliases_json', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('vulnerability_aliases')
        .addColumn('vulnerability_id', 'text', (c) =>
          c.notNull().references('vulnerabilities.id').onDelete('cascade'),
        )
        .addColumn('alias', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('vulnerability_aliases_pk', ['vulnerability_id', 'alias'])
        .execute();
      await serialId(s.createTable('findings'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('asset_type', 'text', (c) => c.notNull())
        .addColumn('asset_uuid', 'text', (c) => c.notNull())
        .addColumn('software_id', 'bigint', (c) => c.notNull())
        .addColumn('vulnerability_id', 'text', (c) => c.notNull())
        .addColumn('severity', 'integer', (c) => c.notNull())
        .addColumn('fixed_version', 'text')
        .addColumn('first_found', 'bigint', (c) => c.notNull())
        .addColumn('last_found', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();
      await s
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('event_occurred', 'bigint', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('context', 'text')
        .addColumn('sensor_id', 'text')
        .addColumn('host_id', 'text')
        .addColumn('container_uuid', 'text')
        .addColumn('container_id', 'text')
        .addColumn('container_sha', 'text')
        .addColumn('image_uuid', 'text')
        .addColumn('image_id', 'text')
        .addColumn('image_sha', 'text')
        .addColumn('name', 'text')
        .execute();
      await s
        .createTable('registries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('registry_uri', 'text', (c) => c.notNull())
        .addColumn('registry_type', 'text', (c) => c.notNull())
        .addColumn('credential_type', 'text', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('password', 'text')
        .addColumn('token', 'text')
        .addColumn('docker_hub_org_name', 'text')
        .addColumn('aws_account_id', 'text')
        .addColumn('aws_arn', 'text')
        .addColumn('aws_region', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_scanned', 'bigint')
        .execute();
      await serialId(s.createTable('registry_repositories'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('registry_uuid', 'text', (c) =>
          c.notNull().references('registries.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tags_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_scanned', 'bigint')
        .execute();
      await s
        .createTable('aws_connectors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('arn', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('registry_schedules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('registry_uuid', 'text', (c) =>
          c.notNull().references('registries.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('schedule_type', 'text', (c) => c.notNull())
        .addColumn('time_of_day', 'text')
        .addColumn('filters_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_run', 'bigint')
        .execute();
      await s
        .createTable('deletion_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('targets_json', 'text', (c) => c.notNull())
        .addColumn('deleted_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped_json', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await createIndexes(db);
    },
  };
}

async function createContainers(db: Kysely<unknown>, severityCounts: (t: Table) => Table): Promise<void> {
  let t = db.schema
    .createTable('containers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('image_uuid', 'text')
    .addColumn('image_sha', 'text')
    .addColumn('image_id', 'text')
    .addColumn('host_id', 'text')
    .addColumn('sensor_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created', 'bigint')
    .addColumn('state_changed', 'bigint')
    .addColumn('last_scanned', 'bigint')
    .addColumn('privileged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_rogue', 'integer', (c) => c.notNull().defaultTo(0));
  for (const col of [
    'path',
    'command',
    'hostname',
    'mac_address',
    'ipv4',
    'ipv6',
    'operating_system',
    'arguments_json',
    'environment_json',
    'port_mapping_json',
  ]) {
    t = t.addColumn(col, 'text');
  }
  t = t
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('containers_customer_sha', ['customer_id', 'sha']);
  await severityCounts(t).execute();
}

/** Indexes for the tenant-scoped lists, the child-collection EXISTS of QQL and the joins. */
async function createIndexes(db: Kysely<unknown>): Promise<void> {
  const indexes: [string, string, string[]][] = [
    ['users_customer', 'users', ['customer_id']],
    ['sensors_customer', 'sensors', ['customer_id', 'created_at']],
    ['hosts_customer', 'hosts', ['customer_id', 'hostname']],
    ['images_customer_created', 'images', ['customer_id', 'created']],
    ['images_customer_image_id', 'images', ['customer_id', 'image_id']],
    ['images_customer_max_severity', 'images', ['customer_id', 'max_severity']],
    ['image_repos_image', 'image_repos', ['image_uuid']],
    ['image_repos_customer_repo', 'image_repos', ['customer_id', 'repository', 'tag']],
    ['image_labels_image', 'image_labels', ['image_uuid']],
    ['containers_customer_created', 'containers', ['customer_id', 'created']],
    ['containers_customer_image', 'containers', ['customer_id', 'image_uuid']],
    ['containers_customer_state', 'containers', ['customer_id', 'state']],
    ['containers_customer_container_id', 'containers', ['customer_id', 'container_id']],
    ['container_labels_container', 'container_labels', ['container_uuid']],
    ['software_asset', 'software', ['asset_uuid']],
    ['software_customer_name', 'software', ['customer_id', 'name', 'version']],
    ['findings_asset', 'findings', ['asset_uuid', 'severity']],
    ['findings_vulnerability', 'findings', ['vulnerability_id', 'asset_uuid']],
    ['findings_customer', 'findings', ['customer_id', 'vulnerability_id']],
    ['findings_software', 'findings', ['software_id']],
    ['vulnerabilities_cve', 'vulnerabilities', ['cve']],
    ['vulnerability_aliases_alias', 'vulnerability_aliases', ['alias']],
    ['events_customer_occurred', 'events', ['customer_id', 'event_occurred']],
    ['registries_customer', 'registries', ['customer_id']],
    ['registry_schedules_registry', 'registry_schedules', ['registry_uuid']],
    ['deletion_jobs_customer', 'deletion_jobs', ['customer_id', 'created_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
