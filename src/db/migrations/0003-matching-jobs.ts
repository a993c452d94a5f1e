/**
 * Server-side matching and jobs (issue 10): what a software row needs to be matched again
 * without its SBOM (`match_json`), the finding's evidence and confirmed/patchable flags,
 * the advisory versions the inventory was last matched against (so a database update
 * re-matches only what changed), retention rules per customer, and a log of job runs.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function matchingJobsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s.alterTable('software').addColumn('match_json', 'text').execute();
      await s
        .alterTable('findings')
        .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await s
        .alterTable('findings')
        .addColumn('patchable', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await s.alterTable('findings').addColumn('evidence_json', 'text').execute();
      await s
        .createTable('advisory_marks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('modified', 'text', (c) => c.notNull())
        .addColumn('keys_json', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('retention_rules')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('retention_rules_pk', ['customer_id', 'rule'])
        .execute();
      await s
        .createTable('job_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('runner', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('result_json', 'text')
        .execute();
      await s.createIndex('job_runs_name').on('job_runs').columns(['name', 'started_at']).execute();
      await s.createIndex('findings_closed').on('findings').columns(['customer_id', 'closed_at']).execute();
    },
  };
}
