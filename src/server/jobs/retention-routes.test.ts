import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';

for (const dialect of DIALECTS) {
  describe(`retention settings API (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    const call = (method: 'GET' | 'PUT', who: 'a' | 'b', payload?: object) =>
      s.app.inject({
        method,
        url: '/csapi/v1.1/settings/retention',
        headers: { authorization: s.auth[who] },
        ...(payload ? { payload } : {}),
      });

    it('sets, shows and removes rules per customer; 1 to 365 days only', async () => {
      let res = await call('PUT', 'a', { events: 30, 'stopped-containers': 7 });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { events: 30, 'stopped-containers': 7 });
      assert.deepEqual((await call('GET', 'b')).json(), {});
      for (const bad of [
        { events: -1 },
        { events: 366 },
        { events: 1.5 },
        { events: 'x' },
        { everything: 5 },
      ]) {
        res = await call('PUT', 'a', bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
      }
      res = await call('PUT', 'a', { events: 0 });
      assert.deepEqual(res.json(), { 'stopped-containers': 7 });
      assert.deepEqual((await call('GET', 'a')).json(), { 'stopped-containers': 7 });
    });
  });
}
