/**
 * The sensor protocol on both dialects: activation and re-activation, what a sensor record
 * holds, heartbeats answering the managed configuration and "update available", the
 * UNKNOWN sweep, and that sensor and user credentials each open only their own endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, revokeActivationId } from '../../db/repositories/accounts-repository.js';
import { markSilentSensorsUnknown, revokeSensor } from '../../db/repositories/sensor-identity-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { activateTestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { runJob } from '../jobs/job-handlers.js';
import { AdvisorySource } from '../matching/index.js';
import { DEFAULT_SENSOR_CONFIG, saveSensorSettings } from './sensor-config.js';

const heartbeat = { version: '1.2.0', mode: 'general', status: 'ACTIVE', queueDepth: 3 };

for (const dialect of DIALECTS) {
  describe(`sensor protocol (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('activates a sensor, records its host facts, and re-activation with the stored identity is the same sensor', async () => {
      const first = await activateTestSensor(s, 'a', { hostname: 'docker-7', mode: 'cicd' });
      const again = await activateTestSensor(s, 'a', {
        identity: first.identity,
        activationId: first.activationId,
        hostname: 'docker-7b',
      });
      assert.equal(again.sensorUuid, first.sensorUuid);
      assert.notEqual(again.credential, first.credential, 'a new credential is issued');
      const stale = await first.post('/heartbeat', heartbeat);
      assert.equal(stale.statusCode, 401, 'the previous credential is void');
      const row = await s.db.db
        .selectFrom('sensors')
        .selectAll()
        .where('id', '=', first.sensorUuid)
        .executeTakeFirstOrThrow();
      assert.equal(row.hostname, 'docker-7b');
      assert.equal(row.ip_address, '10.0.0.7');
      assert.deepEqual(JSON.parse(row.ip_addresses_json ?? '[]'), ['10.0.0.7', 'fd00::7']);
      assert.equal(row.docker_version, '20.10.24');
      assert.equal(row.operating_system, 'Debian GNU/Linux 12 (bookworm)');
      assert.equal(row.version, '1.2.0');
      assert.equal(row.sensor_type, 'GENERAL');
      assert.equal(row.status, 'ACTIVE');
      assert.notEqual(row.credential_hash, again.credential, 'stored hashed');
      assert.match(row.credential_hash ?? '', /^[0-9a-f]{64}$/);
      const other = await activateTestSensor(s, 'a', { activationId: first.activationId });
      assert.notEqual(other.sensorUuid, first.sensorUuid, 'another identity is another sensor');
      const listed = await s.app.inject({
        url: `/csapi/v1.1/sensors/${first.sensorUuid}`,
        headers: { authorization: s.auth.a },
      });
      assert.equal(listed.json().hostname, 'docker-7b');
      assert.equal(listed.json().dockerVersion, '20.10.24');
    });

    it('refuses activation with a wrong CustomerId, an unknown or revoked ActivationId', async () => {
      const sensor = await activateTestSensor(s, 'a');
      const before = await s.db.db.selectFrom('sensors').select('id').execute();
      const attempt = (payload: Record<string, unknown>) =>
        s.app.inject({
          method: 'POST',
          url: '/sensor/v1/activate',
          payload: {
            activationId: sensor.activationId,
            customerId: s.customers.a,
            identity: 'x'.repeat(40),
            hostname: 'h',
            ipAddresses: [],
            sensorVersion: '1.0.0',
            mode: 'general',
            ...payload,
          },
        });
      assert.equal((await attempt({ customerId: s.customers.b })).statusCode, 401);
      assert.equal((await attempt({ activationId: '00000000-0000-4000-8000-000000000000' })).statusCode, 401);
      await revokeActivationId(s.db.db, s.customers.a, sensor.activationId);
      assert.equal((await attempt({})).statusCode, 401);
      assert.equal((await attempt({ mode: 'turbo' })).statusCode, 400);
      const after = await s.db.db.selectFrom('sensors').select('id').execute();
      assert.equal(after.length, before.length, 'nothing stored');
    });

    it('answers heartbeats with the managed configuration and "update available"', async () => {
      const sensor = await activateTestSensor(s, 'b');
      const first = await sensor.post('/heartbeat', heartbeat);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json().config, DEFAULT_SENSOR_CONFIG);
      assert.equal(first.json().config.scanIntervalHours, 48);
      assert.equal(first.json().updateAvailable, false);
      const config = {
        ...DEFAULT_SENSOR_CONFIG,
        inactiveWindows: [{ days: [1, 2], start: '08:00', end: '18:00', timeZone: 'Europe/Paris' }],
        scanIntervalHours: 12,
        concurrency: 4,
        cpuLimitPercent: 40,
        triggerTagName: 'ci_scan_target',
        logLevel: 5,
      };
      const scope = new TenantScope(s.db.db, s.customers.b);
      const put = (body: unknown) =>
        s.app.inject({
          method: 'PUT',
          url: '/csapi/v1.1/sensors/config',
          headers: { authorization: s.auth.b },
          payload: body as object,
        });
      const saved = await put({ config, latestVersion: '1.10.0' });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(saved.json(), { config, latestVersion: '1.10.0' });
      const tooOften = await put({ config: { ...config, scanIntervalHours: 6 }, latestVersion: null });
      assert.equal(tooOften.statusCode, 400);
      assert.match(tooOften.json().message, /scanIntervalHours/);
      const second = await sensor.post('/heartbeat', { ...heartbeat, status: 'INACTIVE', queueDepth: 9 });
      assert.deepEqual(second.json().config, config);
      assert.equal(second.json().updateAvailable, true, '1.2.0 < 1.10.0 (semver, not text order)');
      assert.equal(
        (await sensor.post('/heartbeat', { ...heartbeat, version: '1.10.0' })).json().updateAvailable,
        false,
      );
      await assert.rejects(
        saveSensorSettings(scope, { ...config, scanIntervalHours: 11 }, null),
        /at least 12/,
      );
      await assert.rejects(
        saveSensorSettings(
          scope,
          { ...config, inactiveWindows: [{ start: '01:00', end: '02:00', timeZone: 'Mars/Olympus' }] },
          null,
        ),
        /time zone/,
      );
      const row = await s.db.db
        .selectFrom('sensors')
        .selectAll()
        .where('id', '=', sensor.sensorUuid)
        .executeTakeFirstOrThrow();
      assert.equal(row.version, '1.10.0');
      assert.equal(row.queue_depth, 3);
      // Other customers keep the defaults.
      const a = await activateTestSensor(s, 'a');
      assert.deepEqual((await a.post('/heartbeat', heartbeat)).json().config, DEFAULT_SENSOR_CONFIG);
    });

    it('turns sensors silent for longer than the configured time UNKNOWN, and only those', async () => {
      const quiet = await activateTestSensor(s, 'a', { hostname: 'quiet' });
      const chatty = await activateTestSensor(s, 'a', { hostname: 'chatty' });
      const t0 = Date.now();
      await s.db.db
        .updateTable('sensors')
        .set({ last_checked_in: t0 - 10 * 60_000 })
        .where('id', '=', quiet.sensorUuid)
        .execute();
      await chatty.post('/heartbeat', heartbeat);
      // Through the job the server schedules every minute, with a pinned clock and a 5-minute setting.
      const result = await runJob('sensor-liveness', {
        db: s.db.db,
        advisories: new AdvisorySource('/nonexistent/vuln.db'),
        now: () => t0 + 1000,
        runner: 'test',
        sensorSilentMs: 5 * 60_000,
      });
      assert.deepEqual(result, { unknown: 1 });
      assert.equal(
        await markSilentSensorsUnknown(s.db.db, 5 * 60_000, t0 + 1000),
        0,
        'a second sweep changes nothing',
      );
      const status = async (id: string) =>
        (await s.db.db.selectFrom('sensors').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status;
      assert.equal(await status(quiet.sensorUuid), 'UNKNOWN');
      assert.equal(await status(chatty.sensorUuid), 'ACTIVE');
      await quiet.post('/heartbeat', heartbeat);
      assert.equal(await status(quiet.sensorUuid), 'ACTIVE', 'a heartbeat brings it back');
    });

    it('keeps sensor and user credentials apart, and refuses a revoked or unknown sensor', async () => {
      const sensor = await activateTestSensor(s, 'a');
      const asUser = await s.app.inject({
        url: '/csapi/v1.1/images',
        headers: { authorization: `Bearer ${sensor.credential}` },
      });
      assert.equal(asUser.statusCode, 401, 'a sensor credential opens no user endpoint');
      const { token } = await createApiToken(s.db.db, s.customers.a, 'admin-a', 'ci', null);
      for (const authorization of [`Bearer ${token}`, s.auth.a, 'Bearer bws_unknown', '']) {
        const res = await s.app.inject({
          method: 'POST',
          url: '/sensor/v1/heartbeat',
          headers: { authorization, 'content-type': 'application/json' },
          payload: heartbeat,
        });
        assert.equal(res.statusCode, 401, `${authorization || 'no credential'} on a sensor endpoint`);
      }
      assert.equal((await sensor.post('/heartbeat', heartbeat)).statusCode, 200);
      await revokeSensor(new TenantScope(s.db.db, s.customers.a), sensor.sensorUuid);
      assert.equal((await sensor.post('/heartbeat', heartbeat)).statusCode, 401);
      const back = await s.app.inject({
        method: 'POST',
        url: '/sensor/v1/activate',
        payload: {
          activationId: sensor.activationId,
          customerId: s.customers.a,
          identity: sensor.identity,
          hostname: 'h',
          ipAddresses: [],
          sensorVersion: '1.0.0',
          mode: 'general',
        },
      });
      assert.equal(back.statusCode, 403, 'a revoked sensor cannot re-activate itself');
    });

    it('publishes the sensor endpoints and versioned upload schemas in the OpenAPI document', async () => {
      const doc = (await s.app.inject({ url: '/openapi.json' })).json();
      for (const path of [
        '/sensor/v1/activate',
        '/sensor/v1/heartbeat',
        '/sensor/v1/inventory',
        '/sensor/v1/events',
        '/sensor/v1/sbom',
        '/csapi/v1.1/uploads/sbom',
      ]) {
        assert.ok(doc.paths[path], path);
      }
      const text = JSON.stringify(doc);
      for (const id of ['InventorySnapshotV1', 'EventsUploadV1', 'SbomUploadV1'])
        assert.match(text, new RegExp(id));
      assert.ok(doc.components.securitySchemes.sensorCredential);
    });
  });
}
