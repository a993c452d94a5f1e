import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, revokeApiToken } from '../db/repositories/accounts-repository.js';
import { DIALECTS } from '../test-support/test-databases.js';
import { basic, PASSWORD, startTestServer, type TestServer } from '../test-support/test-server.js';

for (const dialect of DIALECTS) {
  describe(`server (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('answers health, readiness, metrics, OpenAPI and a local Swagger UI without credentials', async () => {
      assert.equal((await s.app.inject({ url: '/healthz' })).json().status, 'ok');
      assert.equal((await s.app.inject({ url: '/readyz' })).json().status, 'ready');
      await s.app.inject({ url: '/csapi/v1.1/images', headers: { authorization: s.auth.a } });
      const metrics = await s.app.inject({ url: '/metrics' });
      assert.match(
        metrics.body,
        /bulwark_http_requests_total\{method="GET",route="\/csapi\/v1.1\/images",status="200"\} 1/,
      );
      const doc = (await s.app.inject({ url: '/openapi.json' })).json();
      assert.equal(doc.openapi, '3.0.3');
      for (const path of [
        '/csapi/v1.1/images',
        '/csapi/v1.1/registry/{registryId}/schedule/{scheduleId}',
        '/csapi/v1.1/vulnerabilities',
      ]) {
        assert.ok(doc.paths[path], `${path} in OpenAPI`);
      }
      const redirect = await s.app.inject({ url: '/docs' });
      const ui =
        redirect.statusCode === 302
          ? await s.app.inject({ url: `/docs/${redirect.headers.location}` })
          : redirect;
      assert.equal(ui.statusCode, 200);
      assert.match(ui.body, /swagger-ui/);
      assert.doesNotMatch(ui.body, /https?:\/\/(cdn|unpkg)/);
    });

    it('gives every answer a request id, echoing the caller one', async () => {
      const res = await s.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
      assert.equal(res.headers['x-request-id'], 'trace-123');
      const other = await s.app.inject({ url: '/healthz' });
      assert.match(String(other.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const forged = await s.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b\u001b[31m' } });
      assert.match(String(forged.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it('401 without or with wrong credentials, 403 without API access or write permission', async () => {
      const none = await s.app.inject({ url: '/csapi/v1.1/images' });
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().code, 'UNAUTHENTICATED');
      assert.match(String(none.headers['www-authenticate']), /^Basic/);
      assert.equal(
        (
          await s.app.inject({
            url: '/csapi/v1.1/images',
            headers: { authorization: basic('admin-a', 'nope-nope') },
          })
        ).statusCode,
        401,
      );
      assert.equal(
        (await s.app.inject({ url: '/csapi/v1.1/images', headers: { authorization: 'Bearer bwk_unknown' } }))
          .statusCode,
        401,
      );
      const forbidden = await s.app.inject({
        url: '/csapi/v1.1/images',
        headers: { authorization: s.auth.noApi },
      });
      assert.equal(forbidden.statusCode, 403);
      assert.match(forbidden.json().message, /API_ACCESS/);
      assert.equal(
        (await s.app.inject({ url: '/csapi/v1.1/images', headers: { authorization: s.auth.readOnly } }))
          .statusCode,
        200,
      );
      const write = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/images',
        headers: { authorization: s.auth.readOnly },
        payload: { imageIds: [s.seeded.a.images.registryOnly] },
      });
      assert.equal(write.statusCode, 403);
    });

    it('accepts bearer API tokens until they are revoked or expire', async () => {
      const { id, token } = await createApiToken(s.db.db, s.customers.a, 'admin-a', 'ci', null);
      const ok = await s.app.inject({
        url: '/csapi/v1.1/images',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().count, 3);
      await revokeApiToken(s.db.db, s.customers.a, id);
      assert.equal(
        (await s.app.inject({ url: '/csapi/v1.1/images', headers: { authorization: `Bearer ${token}` } }))
          .statusCode,
        401,
      );
      const expired = await createApiToken(s.db.db, s.customers.a, 'admin-a', 'old', Date.now() - 1);
      assert.equal(
        (
          await s.app.inject({
            url: '/csapi/v1.1/images',
            headers: { authorization: `Bearer ${expired.token}` },
          })
        ).statusCode,
        401,
      );
    });

    it('rate-limits failed logins: after 5 failures even the right password gets 429', async () => {
      const headers = (pw: string) => ({ authorization: basic('admin-b', pw) });
      for (let i = 0; i < 5; i++) {
        assert.equal(
          (await s.app.inject({ url: '/csapi/v1.1/images', headers: headers('wrong-password') })).statusCode,
          401,
        );
      }
      const blocked = await s.app.inject({ url: '/csapi/v1.1/images', headers: headers(PASSWORD) });
      assert.equal(blocked.statusCode, 429);
      assert.equal(blocked.json().code, 'RATE_LIMITED');
    });

    it('filters with QQL and sorts; a bad filter is a 400 naming the column', async () => {
      const res = await s.app.inject({
        url: '/csapi/v1.1/images',
        query: {
          filter: 'vulnerabilities.severity:"5"',
          pageNumber: '1',
          pageSize: '50',
          sort: 'created:desc',
        },
        headers: { authorization: s.auth.a },
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(
        res.json().data.map((i: { uuid: string }) => i.uuid),
        [s.seeded.a.images.vulnerable],
      );
      const bad = await s.app.inject({
        url: '/csapi/v1.1/images',
        query: { filter: 'vulnerabilites.severity:5' },
        headers: { authorization: s.auth.a },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().code, /^QQL_/);
      assert.equal(bad.json().column, 1);
      assert.match(bad.json().message, /vulnerabilities\.severity/);
    });

    it('runs deletions as jobs and enforces the reference rules', async () => {
      const h = { authorization: s.auth.a };
      const refused = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/images',
        headers: h,
        payload: { imageIds: [s.seeded.a.images.vulnerable] },
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().message, /active containers/);
      // The same image found by a CVE filter (looked up before compiling, as lists are):
      // skipped, and said so.
      const refusedByCve = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/images',
        headers: h,
        payload: { filter: 'vulnerabilities.cve:cve-2021-44228' },
      });
      await s.app.background.drain();
      const cveJob = (
        await s.app.inject({
          url: `/csapi/v1.1/deletionJobs/${refusedByCve.json().deletionJobId}`,
          headers: h,
        })
      ).json();
      assert.equal(cveJob.deletedCount, 0);
      assert.deepEqual(
        cveJob.skipped.map((x: { uuid: string }) => x.uuid),
        [s.seeded.a.images.vulnerable],
      );
      const sensorRefused = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/sensors',
        headers: h,
        payload: { sensorIds: [s.seeded.a.sensors.active] },
      });
      assert.equal(sensorRefused.statusCode, 409);
      const ok = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/images',
        headers: h,
        payload: { imageIds: [s.seeded.a.images.registryOnly] },
      });
      assert.equal(ok.statusCode, 200);
      const jobId = ok.json().deletionJobId;
      await s.app.background.drain();
      const job = await s.app.inject({ url: `/csapi/v1.1/deletionJobs/${jobId}`, headers: h });
      assert.equal(job.json().state, 'COMPLETED');
      assert.equal(job.json().deletedCount, 1);
      assert.equal(
        (await s.app.inject({ url: `/csapi/v1.1/images/${s.seeded.a.images.registryOnly}`, headers: h }))
          .statusCode,
        404,
      );
      // A filter deletes the UNKNOWN sensor and skips (and reports) the active one.
      const byFilter = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/sensors',
        headers: h,
        payload: { filter: 'hostname:*-a' },
      });
      await s.app.background.drain();
      const sjob = (
        await s.app.inject({ url: `/csapi/v1.1/deletionJobs/${byFilter.json().deletionJobId}`, headers: h })
      ).json();
      assert.equal(sjob.deletedCount, 1);
      assert.deepEqual(
        sjob.skipped.map((x: { uuid: string }) => x.uuid),
        [s.seeded.a.sensors.active],
      );
    });

    it('stores registries and schedules; a registry with a running schedule cannot be deleted', async () => {
      const h = { authorization: s.auth.a };
      const created = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/registry',
        headers: h,
        // Loopback with nothing listening: the on-demand run fails at once, without network.
        payload: { registryUri: 'http://127.0.0.1:9', registryType: 'V2', credentialType: 'None' },
      });
      assert.equal(created.statusCode, 200);
      const id = created.json().registryUuid;
      const sched = await s.app.inject({
        method: 'POST',
        url: `/csapi/v1.1/registry/${id}/schedule`,
        headers: h,
        payload: { name: 'now', scheduleType: 'ON_DEMAND' },
      });
      assert.equal(sched.statusCode, 200);
      await s.app.background.drain();
      await s.db.db
        .updateTable('registry_schedules')
        .set({ status: 'RUNNING' })
        .where('id', '=', sched.json().scheduleUuid)
        .execute();
      const refused = await s.app.inject({ method: 'DELETE', url: `/csapi/v1.1/registry/${id}`, headers: h });
      assert.equal(refused.statusCode, 409);
      await s.db.db.updateTable('registry_schedules').set({ status: 'COMPLETED' }).execute();
      const deleted = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/registry',
        headers: h,
        payload: [id],
      });
      assert.deepEqual(deleted.json(), { deletedRegistryUuids: [id] });
      const invalid = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/registry/validate',
        headers: h,
        payload: {
          registryUri: 'https://r.example',
          registryType: 'V2-Private',
          credentialType: 'BasicAuth',
        },
      });
      assert.equal(invalid.json().valid, false);
      assert.match(invalid.json().errors.join(';'), /username is required/);
    });
  });
}
