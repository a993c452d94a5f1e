/**
 * Issue 11: the host UUID a sensor reports (a marker another agent left under
 * HostIdSearchDir, else one the sensor generated and keeps in Storage). It names the
 * machine, so two sensors on one host (a reinstall with a new Storage, a CI/CD sensor
 * beside a general one) find the same `hosts` row. It is not the row's key: a UUID is the
 * sensor's claim, and a claim must never reach another customer's row.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function hostUuidMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('hosts').addColumn('host_uuid', 'text').execute();
      await db.schema
        .createIndex('hosts_customer_host_uuid')
        .on('hosts')
        .columns(['customer_id', 'host_uuid'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('hosts_customer_host_uuid').execute();
      await db.schema.alterTable('hosts').dropColumn('host_uuid').execute();
    },
  };
}
