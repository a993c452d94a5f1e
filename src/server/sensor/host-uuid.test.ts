/**
 * The host UUID a sensor reports at activation (issue 11), on both dialects: shown by the
 * sensors API, naming the machine (a second sensor with the same UUID is filed under the
 * same host; another customer's identical claim never is), absent for older sensors, and
 * validated at the edge.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test-support/test-databases.js';
import { activateTestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';

for (const dialect of DIALECTS) {
  describe(`sensor host UUID (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    const details = async (customer: 'a' | 'b', uuid: string) => {
      const res = await s.app.inject({
        url: `/csapi/v1.1/sensors/${uuid}`,
        headers: { authorization: s.auth[customer] },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { hostUuid: string | null };
    };
    const hostOf = async (sensorUuid: string) =>
      (
        await s.db.db
          .selectFrom('sensors')
          .select('host_id')
          .where('id', '=', sensorUuid)
          .executeTakeFirstOrThrow()
      ).host_id;

    it('shows the reported host UUID and files sensors reporting it under one host, per customer', async () => {
      const hostUuid = randomUUID();
      const first = await activateTestSensor(s, 'a', { hostUuid: hostUuid.toUpperCase() });
      assert.equal((await details('a', first.sensorUuid)).hostUuid, hostUuid, 'stored lower-case');
      const second = await activateTestSensor(s, 'a', { hostUuid, mode: 'cicd' });
      assert.notEqual(second.sensorUuid, first.sensorUuid);
      assert.equal(
        await hostOf(second.sensorUuid),
        await hostOf(first.sensorUuid),
        'same machine, same host',
      );
      const list = await s.app.inject({
        url: `/csapi/v1.1/sensors?filter=${encodeURIComponent(`sensorUuid:${second.sensorUuid}`)}`,
        headers: { authorization: s.auth.a },
      });
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(list.json().data[0]?.hostUuid, hostUuid, 'listed too');
      const elsewhere = await activateTestSensor(s, 'b', { hostUuid });
      assert.notEqual(
        await hostOf(elsewhere.sensorUuid),
        await hostOf(first.sensorUuid),
        'never across customers',
      );
      assert.equal((await details('b', elsewhere.sensorUuid)).hostUuid, hostUuid);
    });

    it('keeps a re-activating sensor on its host, and moves it when its host UUID changes', async () => {
      const legacy = await activateTestSensor(s, 'a');
      assert.equal((await details('a', legacy.sensorUuid)).hostUuid, null, 'an older sensor reports none');
      const host = await hostOf(legacy.sensorUuid);
      const hostUuid = randomUUID();
      await activateTestSensor(s, 'a', {
        identity: legacy.identity,
        activationId: legacy.activationId,
        hostUuid,
      });
      assert.equal(await hostOf(legacy.sensorUuid), host, 'the host row learns its UUID');
      assert.equal((await details('a', legacy.sensorUuid)).hostUuid, hostUuid);
      const marker = randomUUID();
      await activateTestSensor(s, 'a', {
        identity: legacy.identity,
        activationId: legacy.activationId,
        hostUuid: marker,
      });
      assert.notEqual(await hostOf(legacy.sensorUuid), host, 'another UUID is another host');
      assert.equal((await details('a', legacy.sensorUuid)).hostUuid, marker);
    });

    it('refuses a host UUID that is not a UUID', async () => {
      await assert.rejects(activateTestSensor(s, 'a', { hostUuid: 'not-a-uuid' }), /activation failed: 400/);
    });
  });
}
