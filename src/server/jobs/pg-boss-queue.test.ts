import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeEvent } from '../../db/repositories/inventory-writer.js';
import { setRetention } from '../../db/repositories/retention-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import type { JobContext } from './job-handlers.js';
import { PgBossJobQueue } from './pg-boss-queue.js';

const day = 86_400_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  for (let i = 0; i < seconds * 5; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Two pg-boss workers in one test process stand for two replicas (the CLI test runs real processes).
describe('jobs shared through pg-boss on PostgreSQL', () => {
  let t: TestDatabase;
  let url: string;
  const queues: PgBossJobQueue[] = [];
  const replica = (runner: string, extra: Partial<JobContext> = {}) => {
    const q = new PgBossJobQueue(
      {
        db: t.db,
        advisories: new AdvisorySource('/nonexistent/vuln.db'),
        now: () => Date.now(),
        runner,
        ...extra,
      },
      { purgeEveryMinutes: 60, rematchEveryMinutes: 60 },
      { url, expireInSeconds: 3, maintenanceIntervalSeconds: 1, pollingIntervalSeconds: 0.5 },
      () => {},
    );
    queues.push(q);
    return q;
  };
  const runs = () =>
    t.db
      .selectFrom('job_runs')
      .selectAll()
      .where('name', '=', 'retention-purge')
      .orderBy('started_at')
      .execute();

  before(async () => {
    t = await freshDatabase('postgres');
    url = (t.target as { url: string }).url;
    const scope = new TenantScope(t.db, await createCustomer(t.db, 'a'));
    await setRetention(scope, 'events', 1);
    for (let i = 0; i < 5; i++)
      await writeEvent(scope, {
        occurred: Date.now() - 3 * day,
        event: 'start',
        type: 'CONTAINER',
        sensorUuid: null,
        hostId: null,
      });
  });
  after(async () => {
    for (const q of queues) await q.abandon().catch(() => {});
    await t.dispose();
  });

  it('a job sent once runs once, on one of two replicas', async () => {
    const a = replica('replica-a');
    const b = replica('replica-b');
    await a.start();
    await b.start();
    await a.enqueue('retention-purge');
    const done = await until('the purge to complete', async () => {
      const r = await runs();
      return r.some((x) => x.state === 'COMPLETED') ? r : undefined;
    });
    await sleep(3000); // room for a duplicate to show up, if there were one
    assert.equal((await runs()).length, 1);
    assert.equal(JSON.parse(done[0]!.result_json!).events, 5);
    await a.stop();
    await b.stop();
    await t.db.deleteFrom('job_runs').execute();
  });

  it('the replica running a job dies; the other finishes it', async () => {
    let hang = true;
    const dying = replica('replica-dying', {
      onRunning: async () => {
        if (hang) await new Promise(() => {}); // never returns: the process "died" mid-job
      },
    });
    await dying.start();
    await dying.enqueue('retention-purge');
    await until('the job to start on the dying replica', async () =>
      (await runs()).length === 1 ? true : undefined,
    );
    await dying.abandon();
    hang = false;
    const survivor = replica('replica-survivor');
    await survivor.start();
    const all = await until('the survivor to finish the job', async () => {
      const r = await runs();
      return r.some((x) => x.state === 'COMPLETED') ? r : undefined;
    });
    assert.deepEqual(
      all.map((r) => [r.runner, r.state]),
      [
        ['replica-dying', 'RUNNING'],
        ['replica-survivor', 'COMPLETED'],
      ],
    );
    await survivor.stop();
  });
});
