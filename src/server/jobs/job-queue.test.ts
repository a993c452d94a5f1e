import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeEvent } from '../../db/repositories/inventory-writer.js';
import { setRetention } from '../../db/repositories/retention-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import { InProcessJobQueue } from './job-queue.js';

const day = 86_400_000;

describe('in-process jobs (embedded mode, SQLite)', () => {
  let t: TestDatabase;
  before(async () => {
    t = await freshDatabase('sqlite');
  });
  after(() => t.dispose());

  it('runs a job in the process with its clock, logs the run, and coalesces overlapping requests', async () => {
    const scope = new TenantScope(t.db, await createCustomer(t.db, 'a'));
    await setRetention(scope, 'events', 10);
    const now = Date.UTC(2026, 3, 1);
    for (const age of [11, 9])
      await writeEvent(scope, {
        occurred: now - age * day,
        event: 'die',
        type: 'CONTAINER',
        sensorUuid: null,
        hostId: null,
      });
    const errors: unknown[] = [];
    const queue = new InProcessJobQueue(
      {
        db: t.db,
        advisories: new AdvisorySource('/nonexistent/vuln.db'),
        now: () => now,
        runner: 'embedded',
      },
      {},
      (_name, err) => errors.push(err),
    );
    await queue.start();
    await Promise.all([queue.enqueue('retention-purge'), queue.enqueue('retention-purge')]);
    await queue.enqueue('rematch');
    await queue.stop();
    assert.deepEqual(errors, []);
    const runs = await t.db.selectFrom('job_runs').selectAll().orderBy('started_at').execute();
    assert.deepEqual(
      runs.map((r) => [r.name, r.state, r.runner]),
      [
        ['retention-purge', 'COMPLETED', 'embedded'],
        ['rematch', 'COMPLETED', 'embedded'],
      ],
    );
    assert.equal(JSON.parse(runs[0]!.result_json!).events, 1);
    // No vulnerability database: the re-match says nothing was checked rather than "clean".
    assert.equal(JSON.parse(runs[1]!.result_json!).checked, false);
    assert.equal((await t.db.selectFrom('events').select('id').execute()).length, 1);
  });
});
