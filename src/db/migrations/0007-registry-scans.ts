/**
 * Registry scanning (issue 12): scan jobs and their per-image results, the schedule's
 * time zone, tag filter, "pushed in the last N days" and next run, each repository's tags,
 * and the AWS access key columns. Secrets (password, token, AWS secret key) are stored
 * sealed with AES-256-GCM by the server (src/server/registry/secret-box.ts); the columns
 * stay text. Additive only.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function registryScansMigration(dialect: DialectName) {
  type Table = CreateTableBuilder<string, string>;
  const serialId = (t: Table): Table =>
    dialect === 'sqlite'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s.alterTable('registries').addColumn('aws_access_key_id', 'text').execute();
      await s.alterTable('registries').addColumn('aws_secret_access_key', 'text').execute();
      await s.alterTable('registry_schedules').addColumn('time_zone', 'text').execute();
      await s.alterTable('registry_schedules').addColumn('tag_filter', 'text').execute();
      await s.alterTable('registry_schedules').addColumn('tag_filter_kind', 'text').execute();
      await s.alterTable('registry_schedules').addColumn('pushed_within_days', 'integer').execute();
      await s.alterTable('registry_schedules').addColumn('next_run_at', 'bigint').execute();
      await s.alterTable('registry_repositories').addColumn('tags_json', 'text').execute();
      await s
        .createTable('registry_scan_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('registry_uuid', 'text', (c) => c.notNull())
        .addColumn('schedule_uuid', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        // Null until the server has listed what the job scans; only then can a sensor claim it.
        .addColumn('images_json', 'text')
        .addColumn('error', 'text')
        .addColumn('sensor_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('registry_scan_jobs_state')
        .on('registry_scan_jobs')
        .columns(['customer_id', 'state', 'created_at'])
        .execute();
      await s
        .createIndex('registry_scan_jobs_schedule')
        .on('registry_scan_jobs')
        .columns(['schedule_uuid', 'created_at'])
        .execute();
      await serialId(s.createTable('registry_scan_job_images'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text', (c) => c.notNull())
        // `repository:tag` or `repository@digest`: one result per image per job.
        .addColumn('image_key', 'text', (c) => c.notNull())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('tag', 'text')
        .addColumn('digest', 'text')
        .addColumn('image_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('registry_scan_job_images_key')
        .unique()
        .on('registry_scan_job_images')
        .columns(['job_id', 'image_key'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('registry_scan_job_images').execute();
      await db.schema.dropTable('registry_scan_jobs').execute();
    },
  };
}
