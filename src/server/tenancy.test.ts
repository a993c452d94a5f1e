/**
 * Tenancy: every route of the OpenAPI document is called by customer b with customer a's
 * identifiers (and, for lists, without). Nothing of a's may appear in an answer, nothing of
 * a's may change, and a route missing from the table below fails the test — so a new route
 * cannot skip this check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

interface Call {
  body?: unknown;
  query?: Record<string, string>;
  /** Statuses allowed for b; lists answer 200 with b's own data. */
  expect: number[];
}

const AWS_ACCOUNT = '383031258652';

for (const dialect of DIALECTS) {
  describe(`tenancy (${dialect})`, () => {
    let s: TestServer;
    let secrets: string[];
    let params: Record<string, string>;
    before(async () => {
      s = await startTestServer(dialect);
      const a = s.seeded.a;
      const h = { authorization: s.auth.a };
      await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/registry/aws/connector',
        headers: h,
        payload: {
          arn: `arn:aws:iam::${AWS_ACCOUNT}:role/secret-role-a`,
          externalId: '1',
          name: 'connector-of-a',
        },
      });
      const job = await s.app.inject({
        method: 'DELETE',
        url: '/csapi/v1.1/containers',
        headers: h,
        payload: { filter: 'name:nothing-matches' },
      });
      await s.app.background.drain();
      const dashboard = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/dashboards',
        headers: h,
        payload: { name: 'dash-of-a', widgets: [] },
      });
      const token = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/tokens',
        headers: h,
        payload: { name: 'token-of-a' },
      });
      // Settings objects of a: a user, a role, an activation key.
      const users = (await s.app.inject({ url: '/csapi/v1.1/settings/users', headers: h })).json() as {
        id: string;
      }[];
      const roles = (await s.app.inject({ url: '/csapi/v1.1/settings/roles', headers: h })).json() as {
        id: string;
      }[];
      const key = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/settings/activation-keys',
        headers: h,
        payload: { name: 'key-of-a' },
      });
      params = {
        userId: users[0]!.id,
        roleId: roles[0]!.id,
        keyId: key.json().id,
        imageId: a.images.vulnerable,
        containerId: a.containers.running,
        sensorId: a.sensors.unknown,
        registryId: a.registry,
        scheduleId: a.schedule,
        accountId: AWS_ACCOUNT,
        deletionJobId: job.json().deletionJobId,
        entity: 'images',
        dashboardId: dashboard.json().id,
        tokenId: token.json().id,
      };
      secrets = [
        ...Object.values(a.images),
        ...Object.values(a.containers),
        ...Object.values(a.sensors),
        ...Object.values(a.hosts),
        a.registry,
        a.schedule,
        a.imageShas.vulnerable,
        a.containerShas.running,
        params.deletionJobId!,
        s.customers.a,
        'checkoutapp-a',
        'docker1-a',
        'vendor-a',
        'registry-a.example',
        'secret-role-a',
        params.dashboardId!,
        params.tokenId!,
        'dash-of-a',
        'token-of-a',
        params.userId!,
        params.roleId!,
        params.keyId!,
        'key-of-a',
      ];
    });
    after(() => s.close());

    // Loopback, nothing listening: validate really connects, and tests stay off the network.
    const registryBody = { registryUri: 'http://127.0.0.1:9', registryType: 'V2', credentialType: 'None' };
    const cases: Record<string, Call> = {
      'GET /csapi/v1.1/containers': { expect: [200] },
      'GET /csapi/v1.1/containers/{containerId}': { expect: [404] },
      'GET /csapi/v1.1/containers/{containerId}/software': { expect: [404] },
      'GET /csapi/v1.1/containers/{containerId}/vuln': { expect: [404] },
      'GET /csapi/v1.1/containers/{containerId}/vuln/count': { expect: [404] },
      'DELETE /csapi/v1.1/containers': { body: { containerIds: ['CONTAINER'] }, expect: [404] },
      'GET /csapi/v1.1/events': { expect: [200] },
      'GET /csapi/v1.1/images': { expect: [200] },
      'GET /csapi/v1.1/images/{imageId}': { expect: [404] },
      'GET /csapi/v1.1/images/{imageId}/association': { expect: [404] },
      'GET /csapi/v1.1/images/{imageId}/software': { expect: [404] },
      'GET /csapi/v1.1/images/{imageId}/vuln': { expect: [404] },
      'GET /csapi/v1.1/images/{imageId}/vuln/count': { expect: [404] },
      // CI gate: another customer's image reads as "not reported yet", nothing of it shown.
      'GET /csapi/v1.1/ci/images/{imageId}/vuln': { expect: [204] },
      'DELETE /csapi/v1.1/images': { body: { imageIds: ['IMAGE'] }, expect: [404] },
      'GET /csapi/v1.1/registry': { expect: [200] },
      'POST /csapi/v1.1/registry': { body: registryBody, expect: [200] },
      'DELETE /csapi/v1.1/registry': { body: ['REGISTRY'], expect: [404] },
      'GET /csapi/v1.1/registry/aws-base': { expect: [200] },
      'GET /csapi/v1.1/registry/aws/connectors': { expect: [200] },
      'GET /csapi/v1.1/registry/aws/connectors/{accountId}': { expect: [200] },
      'POST /csapi/v1.1/registry/aws/connector': {
        body: { arn: 'arn:aws:iam::111111111111:role/b', externalId: '2', name: 'b' },
        expect: [200],
      },
      'POST /csapi/v1.1/registry/validate': { body: registryBody, expect: [200] },
      'GET /csapi/v1.1/registry/{registryId}': { expect: [404] },
      'PUT /csapi/v1.1/registry/{registryId}': { body: registryBody, expect: [404] },
      'DELETE /csapi/v1.1/registry/{registryId}': { expect: [404] },
      'GET /csapi/v1.1/registry/{registryId}/repository': { expect: [404] },
      'GET /csapi/v1.1/registry/{registryId}/schedule': { expect: [404] },
      'POST /csapi/v1.1/registry/{registryId}/schedule': {
        body: { name: 'x', scheduleType: 'ON_DEMAND' },
        expect: [404],
      },
      'DELETE /csapi/v1.1/registry/{registryId}/schedule': { body: ['SCHEDULE'], expect: [404] },
      'PUT /csapi/v1.1/registry/{registryId}/schedule/{scheduleId}': {
        body: { name: 'x', scheduleType: 'ON_DEMAND' },
        expect: [404],
      },
      'DELETE /csapi/v1.1/registry/{registryId}/schedule/{scheduleId}': { expect: [404] },
      'POST /csapi/v1.1/registry/{registryId}/schedule/{scheduleId}/run': { expect: [404] },
      'GET /csapi/v1.1/registry/{registryId}/schedule/{scheduleId}/jobs': { expect: [404] },
      'POST /csapi/v1.1/registry/{registryId}/repository/sync': { expect: [404] },
      'GET /csapi/v1.1/registry/{registryId}/repository/tags': { query: { repo: 'team/app' }, expect: [404] },
      'GET /csapi/v1.1/sensors': { expect: [200] },
      'GET /csapi/v1.1/sensors/{sensorId}': { expect: [404] },
      'DELETE /csapi/v1.1/sensors': { body: { sensorIds: ['SENSOR'] }, expect: [404] },
      'GET /csapi/v1.1/vulnerabilities': { expect: [200] },
      'GET /csapi/v1.1/software': { expect: [200] },
      'GET /csapi/v1.1/deletionJobs/{deletionJobId}': { expect: [404] },
      'GET /csapi/v1.1/qql/{entity}': { expect: [200] },
      // b uploading its own SBOM writes b's rows only; here the body is refused before anything.
      'GET /csapi/v1.1/sensors/config': { expect: [200] },
      'PUT /csapi/v1.1/sensors/config': { body: { config: {}, latestVersion: null }, expect: [400] },
      'POST /csapi/v1.1/uploads/sbom': { body: { schemaVersion: 1, assetType: 'IMAGE' }, expect: [400] },
      'GET /csapi/v1.1/settings/retention': { expect: [200] },
      // b sets its own rules; a's are untouched (the snapshot below would show a purge).
      'PUT /csapi/v1.1/settings/retention': { body: { events: 30 }, expect: [200] },
      'GET /csapi/v1.1/dashboards': { expect: [200] },
      'POST /csapi/v1.1/dashboards': { body: { name: 'b', widgets: [] }, expect: [200] },
      'GET /csapi/v1.1/dashboards/{dashboardId}': { expect: [404] },
      'PUT /csapi/v1.1/dashboards/{dashboardId}': { body: { name: 'x', widgets: [] }, expect: [404] },
      'DELETE /csapi/v1.1/dashboards/{dashboardId}': { expect: [404] },
      'GET /csapi/v1.1/tokens': { expect: [200] },
      'POST /csapi/v1.1/tokens': { body: { name: 'b' }, expect: [200] },
      'DELETE /csapi/v1.1/tokens/{tokenId}': { expect: [404] },
      'GET /csapi/v1.1/settings/permissions': { expect: [200] },
      'GET /csapi/v1.1/settings/users': { expect: [200] },
      'POST /csapi/v1.1/settings/users': {
        body: { username: 'user-of-b', password: 'b-password-1', roles: [] },
        expect: [200],
      },
      'PUT /csapi/v1.1/settings/users/{userId}': { body: { disabled: true }, expect: [404] },
      'GET /csapi/v1.1/settings/roles': { expect: [200] },
      'POST /csapi/v1.1/settings/roles': { body: { name: 'role-of-b', permissions: [] }, expect: [200] },
      'PUT /csapi/v1.1/settings/roles/{roleId}': { body: { permissions: [] }, expect: [404] },
      'GET /csapi/v1.1/settings/activation-keys': { expect: [200] },
      'POST /csapi/v1.1/settings/activation-keys': { body: { name: 'key-of-b' }, expect: [200] },
      'DELETE /csapi/v1.1/settings/activation-keys/{keyId}': { expect: [404] },
      'GET /csapi/v1.1/labels/top': { query: { entity: 'images' }, expect: [200] },
      'GET /csapi/v1.1/counts': { query: { entity: 'images', filters: '[""]' }, expect: [200] },
    };

    function fill(value: unknown): unknown {
      const ids: Record<string, string> = {
        IMAGE: params.imageId!,
        CONTAINER: params.containerId!,
        SENSOR: params.sensorId!,
        REGISTRY: params.registryId!,
        SCHEDULE: params.scheduleId!,
      };
      return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' && ids[v] ? ids[v] : v));
    }

    async function snapshot() {
      const db = s.db.db;
      const count = async (
        table:
          | 'images'
          | 'containers'
          | 'sensors'
          | 'registries'
          | 'registry_schedules'
          | 'findings'
          | 'aws_connectors',
      ) =>
        (await db.selectFrom(table).select('id').where('customer_id', '=', s.customers.a).execute()).length;
      return {
        images: await count('images'),
        containers: await count('containers'),
        sensors: await count('sensors'),
        registries: await count('registries'),
        schedules: await count('registry_schedules'),
        findings: await count('findings'),
        connectors: await count('aws_connectors'),
      };
    }

    it("walks every route as customer b with a's ids: no leak, no change, nothing unlisted", async () => {
      const doc = (await s.app.inject({ url: '/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const routes = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/csapi/'))
        .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
      assert.deepEqual(
        routes.filter((r) => !cases[r]),
        [],
        'routes without a tenancy case',
      );
      const before = await snapshot();
      for (const route of routes) {
        const call = cases[route]!;
        const [method, path] = route.split(' ') as [string, string];
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? 'missing');
        const res = await s.app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: s.auth.b },
          ...(call.body !== undefined ? { payload: fill(call.body) as object } : {}),
          ...(call.query ? { query: call.query } : {}),
        });
        assert.ok(call.expect.includes(res.statusCode), `${route}: ${res.statusCode} ${res.body}`);
        // An error may echo the ids the caller itself sent; anything else of a's is a leak.
        const sent = `${url} ${JSON.stringify(call.body === undefined ? null : fill(call.body))}`;
        let text = res.body;
        for (const id of secrets) if (sent.includes(id)) text = text.replaceAll(id, '');
        for (const secret of secrets)
          assert.ok(!text.includes(secret), `${route} leaks ${secret}: ${res.body}`);
      }
      // Filter-based deletions by b cannot reach a's rows either.
      for (const [resource, filter] of [
        ['sensors', 'hostname:cms-a'],
        ['images', 'imageId:*'],
        ['containers', 'name:*'],
      ] as const) {
        const res = await s.app.inject({
          method: 'DELETE',
          url: `/csapi/v1.1/${resource}`,
          headers: { authorization: s.auth.b },
          payload: { filter },
        });
        assert.ok([200, 400].includes(res.statusCode), `${resource}: ${res.body}`);
      }
      await s.app.background.drain();
      assert.deepEqual(await snapshot(), before);
      // b does see its own inventory through the same routes (the walk was not vacuous).
      const own = await s.app.inject({ url: '/csapi/v1.1/images', headers: { authorization: s.auth.b } });
      assert.ok(own.json().count > 0);
      const ownImage = await s.app.inject({
        url: `/csapi/v1.1/images/${s.seeded.b.images.vulnerable}/vuln`,
        headers: { authorization: s.auth.b },
      });
      assert.equal(ownImage.statusCode, 200);
      assert.ok(ownImage.json().length > 0);
    });
  });
}
