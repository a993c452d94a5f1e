/**
 * The registry-scan job protocol on both dialects: only registry sensors may claim; a claim
 * hands the job with the registry's credentials decrypted, once (a second claim gets 204,
 * two racing claims never get the same job); progress and completion are recorded and shown
 * through the schedule API; another sensor cannot touch a job it does not hold.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJob, setJobImages } from '../../db/repositories/registry-jobs-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { testSecretBox } from '../../test-support/test-secrets.js';
import { activateTestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import type { ClaimedJob } from './registry-job-protocol.js';
import { runRegistrySchedules, STALE_JOB_MS } from './registry-scheduler.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

for (const dialect of DIALECTS) {
  describe(`registry job protocol (${dialect})`, () => {
    let s: TestServer;
    let registryUuid: string;
    let scheduleUuid: string;
    const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      s.app.inject({
        method,
        url: `/csapi/v1.1${url}`,
        headers: { authorization: s.auth.a },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    before(async () => {
      s = await startTestServer(dialect);
      const created = await api('POST', '/registry', {
        registryUri: 'http://127.0.0.1:1',
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        username: b64('scanner'),
        password: b64('s3cret-pw'),
      });
      assert.equal(created.statusCode, 200, created.body);
      registryUuid = created.json().registryUuid;
      const sched = await api('POST', `/registry/${registryUuid}/schedule`, {
        name: 'manual',
        scheduleType: 'ON_DEMAND',
        filters: [{ repo: 'team/app' }],
      });
      assert.equal(sched.statusCode, 200, sched.body);
      scheduleUuid = sched.json().scheduleUuid;
    });
    after(() => s.close());

    async function queuedJob(images = [{ repository: 'team/app', tag: 'v1' }]) {
      const scope = new TenantScope(s.db.db, s.customers.a);
      const id = await createJob(scope, registryUuid, scheduleUuid, Date.now());
      await setJobImages(scope, id, images, Date.now());
      return id;
    }

    it('refuses sensors not in registry mode', async () => {
      const general = await activateTestSensor(s, 'a', { mode: 'general' });
      const res = await general.post('/registry-jobs/claim', {});
      assert.equal(res.statusCode, 403);
    });

    it('claims once with decrypted credentials, records progress and completion', async () => {
      const sensor = await activateTestSensor(s, 'a', { mode: 'registry' });
      const jobId = await queuedJob();
      const res = await sensor.post('/registry-jobs/claim', {});
      assert.equal(res.statusCode, 200, res.body);
      const { job } = res.json() as ClaimedJob;
      assert.equal(job.id, jobId);
      assert.equal(job.registry.uuid, registryUuid);
      assert.equal(job.registry.username, 'scanner');
      assert.equal(job.registry.password, 's3cret-pw');
      assert.deepEqual(job.images, [{ repository: 'team/app', tag: 'v1' }]);
      assert.equal((await sensor.post('/registry-jobs/claim', {})).statusCode, 204);

      const other = await activateTestSensor(s, 'a', { mode: 'registry' });
      const stolen = await other.post(`/registry-jobs/${jobId}/progress`, {
        results: [{ repository: 'team/app', tag: 'v1', status: 'scanned' }],
      });
      assert.equal(stolen.statusCode, 404);
      const otherCustomer = await activateTestSensor(s, 'b', { mode: 'registry' });
      assert.equal((await otherCustomer.post('/registry-jobs/claim', {})).statusCode, 204);

      const running = await api('GET', `/registry/${registryUuid}/schedule`);
      assert.equal(running.json()[0].status, 'RUNNING');
      const refused = await api('DELETE', `/registry/${registryUuid}`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().message, /Running/);

      const progress = await sensor.post(`/registry-jobs/${jobId}/progress`, {
        results: [
          { repository: 'team/app', tag: 'v1', status: 'failed', error: 'manifest unknown' },
          { repository: 'team/app', tag: 'v1', status: 'scanned', imageId: `sha256:${'a'.repeat(64)}` },
        ],
      });
      assert.equal(progress.statusCode, 200, progress.body);
      const done = await sensor.post(`/registry-jobs/${jobId}/complete`, { state: 'Completed' });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(
        (await sensor.post(`/registry-jobs/${jobId}/complete`, { state: 'Failed', error: 'x' })).statusCode,
        404,
      );

      const jobs = await api('GET', `/registry/${registryUuid}/schedule/${scheduleUuid}/jobs`);
      assert.equal(jobs.statusCode, 200, jobs.body);
      const [latest] = jobs.json();
      assert.equal(latest.state, 'Completed');
      assert.equal(latest.imagesScanned, 1, 'the later result for an image replaces the earlier one');
      assert.equal(latest.images[0].imageId, `sha256:${'a'.repeat(64)}`);
      const after = await api('GET', `/registry/${registryUuid}/schedule`);
      assert.equal(after.json()[0].status, 'COMPLETED');
    });

    it('two sensors racing for one job: exactly one gets it', async () => {
      const [x, y] = await Promise.all([
        activateTestSensor(s, 'a', { mode: 'registry' }),
        activateTestSensor(s, 'a', { mode: 'registry' }),
      ]);
      const jobId = await queuedJob();
      const answers = await Promise.all([
        x.post('/registry-jobs/claim', {}),
        y.post('/registry-jobs/claim', {}),
      ]);
      const codes = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(codes, [200, 204]);
      const winner = answers.find((a) => a.statusCode === 200);
      assert.equal((winner?.json() as ClaimedJob | undefined)?.job.id, jobId);
      const w = answers[0]?.statusCode === 200 ? x : y;
      const failed = await w.post(`/registry-jobs/${jobId}/complete`, {
        state: 'Failed',
        error: 'registry unreachable',
      });
      assert.equal(failed.statusCode, 200);
      const jobs = await api('GET', `/registry/${registryUuid}/schedule/${scheduleUuid}/jobs`);
      const job = jobs.json().find((j: { jobUuid: string }) => j.jobUuid === jobId);
      assert.equal(job.state, 'Failed');
      assert.equal(job.error, 'registry unreachable');
    });

    it('a Running job whose sensor went silent is failed by the scheduler sweep', async () => {
      const sensor = await activateTestSensor(s, 'a', { mode: 'registry' });
      const jobId = await queuedJob();
      assert.equal((await sensor.post('/registry-jobs/claim', {})).statusCode, 200);
      const soon = await runRegistrySchedules(s.db.db, {
        secrets: testSecretBox,
        now: () => Date.now() + 60_000,
      });
      assert.equal(soon.abandoned, 0);
      const later = await runRegistrySchedules(s.db.db, {
        secrets: testSecretBox,
        now: () => Date.now() + STALE_JOB_MS + 60_000,
      });
      assert.equal(later.abandoned, 1);
      const jobs = await api('GET', `/registry/${registryUuid}/schedule/${scheduleUuid}/jobs`);
      const job = jobs.json().find((j: { jobUuid: string }) => j.jobUuid === jobId);
      assert.equal(job.state, 'Failed');
      assert.match(job.error, /stopped reporting/);
      const late = await sensor.post(`/registry-jobs/${jobId}/complete`, { state: 'Completed' });
      assert.equal(late.statusCode, 404, 'a job given up cannot be completed afterwards');
    });
  });
}
