/**
 * `GET /csapi/v1.1/counts` against the list endpoints' own counts on a real SQLite database
 * with the seed inventory: every filter's number equals `GET /<entity>?filter=…`'s `count`,
 * per customer; bad input is a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../../../test-support/test-server.js';

describe('GET /csapi/v1.1/counts', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sqlite');
  });
  after(async () => s.close());
  const get = (url: string, auth = s.auth.a) => s.app.inject({ url, headers: { authorization: auth } });
  const listCount = async (entity: string, filter: string, auth = s.auth.a) =>
    (
      (await get(`/csapi/v1.1/${entity}?pageSize=1&filter=${encodeURIComponent(filter)}`, auth)).json() as {
        count: number;
      }
    ).count;
  const counts = async (entity: string, filters: string[], auth = s.auth.a) => {
    const res = await get(
      `/csapi/v1.1/counts?entity=${entity}&filters=${encodeURIComponent(JSON.stringify(filters))}`,
      auth,
    );
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { counts: number[] }).counts;
  };

  for (const [entity, filters] of [
    ['images', ['', ...[5, 4, 3, 2, 1].map((n) => `vulnerabilities.severity:${n}`), 'label.key:*']],
    ['containers', ['', 'state:RUNNING', 'state:STOPPED', 'state:DELETED', 'vulnerabilities.severity:5']],
    ['events', ['', 'eventOccurred>=now-24h', 'eventOccurred<now-24h']],
    ['sensors', ['', 'status:UNKNOWN']],
  ] as const) {
    it(`gives ${entity} the list endpoint's count for each filter, per customer`, async () => {
      const expected = await Promise.all(filters.map((f) => listCount(entity, f)));
      assert.ok(expected.some((n) => n > 0));
      assert.deepEqual(await counts(entity, [...filters]), expected);
      const b = await Promise.all(filters.map((f) => listCount(entity, f, s.auth.b)));
      assert.deepEqual(await counts(entity, [...filters], s.auth.b), b);
    });
  }

  it('refuses bad filters: not JSON, empty, too many, invalid QQL, unknown entity', async () => {
    const bad = async (query: string) => (await get(`/csapi/v1.1/counts?${query}`)).statusCode;
    assert.equal(await bad('entity=images&filters=nope'), 400);
    assert.equal(await bad(`entity=images&filters=${encodeURIComponent('[]')}`), 400);
    assert.equal(
      await bad(`entity=images&filters=${encodeURIComponent(JSON.stringify(Array(25).fill('')))}`),
      400,
    );
    const qql = await get(`/csapi/v1.1/counts?entity=images&filters=${encodeURIComponent('["nosuch:1"]')}`);
    assert.equal(qql.statusCode, 400);
    assert.match((qql.json() as { code: string }).code, /^QQL_/);
    assert.equal(await bad(`entity=hosts&filters=${encodeURIComponent('[""]')}`), 400);
  });
});
