/**
 * Sensor protocol and ingest (issue 10): the sensor's stored identity, IP list, queue depth
 * and revocation; the customer's server-managed sensor configuration; one receipt per
 * accepted upload (idempotency keys); and the rogue comparison kept on each container.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects.js';

export function sensorIngestMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s.alterTable('sensors').addColumn('identity_hash', 'text').execute();
      await s.alterTable('sensors').addColumn('ip_addresses_json', 'text').execute();
      await s.alterTable('sensors').addColumn('queue_depth', 'integer').execute();
      await s.alterTable('sensors').addColumn('revoked_at', 'bigint').execute();
      await s.alterTable('containers').addColumn('rogue_json', 'text').execute();
      await s.createIndex('sensors_credential').on('sensors').column('credential_hash').execute();
      await s
        .createIndex('sensors_identity')
        .on('sensors')
        .columns(['customer_id', 'identity_hash'])
        .execute();
      await s
        .createTable('sensor_settings')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('config_json', 'text', (c) => c.notNull())
        .addColumn('latest_version', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('ingest_receipts')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('uploader', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('response_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ingest_receipts_pk', ['customer_id', 'uploader', 'idempotency_key'])
        .execute();
      await s
        .createIndex('ingest_receipts_received')
        .on('ingest_receipts')
        .columns(['customer_id', 'received_at'])
        .execute();
    },
  };
}
