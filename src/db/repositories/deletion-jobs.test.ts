import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DIALECTS, freshDatabase } from '../../test-support/test-databases.js';
import { TenantScope } from '../tenant.js';
import { createCustomer } from './accounts-repository.js';
import { createDeletionJob, deletionJob, runDeletionJob } from './deletion-jobs-repository.js';
import { imagesWithActiveContainers, resolveImageUuids } from './images-repository.js';

for (const dialect of DIALECTS) {
  describe(`deletion jobs (${dialect})`, () => {
    it('delete targets in several chunks (1234 > 2 × 500), and a second run changes nothing', async () => {
      const t = await freshDatabase(dialect);
      try {
        const scope = new TenantScope(t.db, await createCustomer(t.db, 'c'));
        const rows = Array.from({ length: 1234 }, (_, i) => ({
          id: randomUUID(),
          sha: i.toString(16).padStart(64, '0'),
          image_id: i.toString(16).padStart(12, '0'),
          size: null,
          created: i,
          first_seen: 0,
          last_scanned: null,
          operating_system: null,
          architecture: null,
          scan_error: null,
          updated_at: 0,
          severity1_count: 0,
          severity2_count: 0,
          severity3_count: 0,
          severity4_count: 0,
          severity5_count: 0,
          max_severity: 0,
        }));
        for (let i = 0; i < rows.length; i += 100) await scope.insert('images', rows.slice(i, i + 100));
        const all = await resolveImageUuids(scope, {});
        assert.equal(all.length, 1234);
        assert.equal((await imagesWithActiveContainers(scope, all)).size, 0);
        const job = await createDeletionJob(scope, 'image', all, []);
        await runDeletionJob(scope, job);
        assert.deepEqual(
          {
            state: (await deletionJob(scope, job))?.state,
            deleted: (await deletionJob(scope, job))?.deletedCount,
          },
          { state: 'COMPLETED', deleted: 1234 },
        );
        assert.equal((await resolveImageUuids(scope, {})).length, 0);
        await runDeletionJob(scope, job);
        assert.equal((await deletionJob(scope, job))?.deletedCount, 1234);
      } finally {
        await t.dispose();
      }
    });
  });
}
