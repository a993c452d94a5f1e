/**
 * The purge job: for every customer with retention rules, deletes what has outlived its
 * rule — and nothing else. Deletion reuses the deletion jobs' `deleteAssets` (findings and
 * software go with their asset). "Now" comes from the job's clock, so tests pin it.
 */
import type { Kysely } from 'kysely';
import { deleteAssets } from '../../db/repositories/deletion-jobs-repository.js';
import { retentionRules } from '../../db/repositories/retention-repository.js';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';

const dayMs = 86_400_000;

export interface PurgeResult {
  containers: number;
  images: number;
  sensors: number;
  events: number;
}

export async function purgeRetention(db: Kysely<Database>, now: number): Promise<PurgeResult> {
  const total: PurgeResult = { containers: 0, images: 0, sensors: 0, events: 0 };
  const customers = await db.selectFrom('retention_rules').select('customer_id').distinct().execute();
  for (const { customer_id } of customers) {
    const scope = new TenantScope(db, customer_id);
    const rules = await retentionRules(scope);
    const cutoff = (days: number) => now - days * dayMs;
    await scope.transaction(async (tx) => {
      if (rules['stopped-containers']) {
        const ids = await tx
          .selectFrom('containers')
          .select('id')
          .where('state', 'in', ['STOPPED', 'DELETED'])
          .where((eb) =>
            eb(eb.fn.coalesce('state_changed', 'updated_at'), '<', cutoff(rules['stopped-containers']!)),
          )
          .execute();
        total.containers += await deleteAssets(
          tx,
          'container',
          ids.map((r) => r.id),
        );
      }
      if (rules['images-without-containers']) {
        const ids = await tx
          .selectFrom('images')
          .select('images.id')
          .where((eb) =>
            eb(
              eb.fn.coalesce('images.last_scanned', 'images.updated_at'),
              '<',
              cutoff(rules['images-without-containers']!),
            ),
          )
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('containers')
                  .select('containers.id')
                  .whereRef('containers.image_uuid', '=', 'images.id'),
              ),
            ),
          )
          .execute();
        total.images += await deleteAssets(
          tx,
          'image',
          ids.map((r) => r.id),
        );
      }
      if (rules['unknown-sensors']) {
        const ids = await tx
          .selectFrom('sensors')
          .select('id')
          .where('status', '=', 'UNKNOWN')
          .where((eb) =>
            eb(eb.fn.coalesce('last_checked_in', 'created_at'), '<', cutoff(rules['unknown-sensors']!)),
          )
          .execute();
        total.sensors += await deleteAssets(
          tx,
          'sensor',
          ids.map((r) => r.id),
        );
      }
      if (rules.events) {
        const res = await tx
          .deleteFrom('events')
          .where('event_occurred', '<', cutoff(rules.events))
          .executeTakeFirst();
        total.events += Number(res.numDeletedRows);
      }
    });
  }
  return total;
}
