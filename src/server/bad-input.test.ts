/**
 * Bad input gets a 4xx with a clear, coded message, stores nothing, and never shows a stack
 * trace; an internal failure is a bare 500 with the request id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, freshDatabase } from '../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { buildApp } from './app.js';

for (const dialect of DIALECTS) {
  describe(`bad input (${dialect})`, () => {
    let s: TestServer;
    let h: { authorization: string };
    before(async () => {
      s = await startTestServer(dialect);
      h = { authorization: s.auth.a };
    });
    after(() => s.close());

    const registries = async () =>
      (await s.db.db.selectFrom('registries').select('id').where('customer_id', '=', s.customers.a).execute())
        .length;

    interface Req {
      method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
      url: string;
      headers?: Record<string, string>;
      payload?: string | object;
      query?: Record<string, string>;
    }

    async function expect4xx(req: Req, status: number, message: RegExp): Promise<void> {
      const before = await registries();
      const res = await s.app.inject({ ...req, headers: { ...h, ...req.headers } });
      assert.equal(res.statusCode, status, res.body);
      const body = res.json();
      assert.match(body.message, message);
      assert.match(body.code, /^[A-Z_]+$/);
      assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules|\.ts:\d+/);
      assert.equal(await registries(), before, 'nothing stored');
    }

    it('malformed JSON', () =>
      expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry',
          headers: { 'content-type': 'application/json' },
          payload: '{"registryUri": "x",',
        },
        400,
        /JSON/i,
      ));

    it('a body over the limit', () =>
      expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ registryUri: 'x'.repeat(2 * 1024 * 1024) }),
        },
        413,
        /too large/i,
      ));

    it('unknown fields, named', async () => {
      await expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry',
          payload: {
            registryUri: 'https://r.example',
            registryType: 'V2',
            credentialType: 'None',
            isAdmin: true,
          },
        },
        400,
        /unknown field "isAdmin"/,
      );
      await expect4xx({ url: '/csapi/v1.1/images?pageNo=1&colour=red' }, 400, /unknown field "colour"/);
    });

    it('wrong types, enums and content types', async () => {
      await expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry',
          payload: { registryUri: 'https://r.example', registryType: 'FTP', credentialType: 'None' },
        },
        400,
        /registryType/,
      );
      await expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry',
          headers: { 'content-type': 'text/plain' },
          payload: 'hello',
        },
        415,
        /content-type|media type/i,
      );
      await expect4xx(
        { method: 'DELETE', url: '/csapi/v1.1/registry', payload: { not: 'an array' } },
        400,
        /array/,
      );
      await expect4xx({ method: 'DELETE', url: '/csapi/v1.1/images', payload: {} }, 400, /imageIds.*filter/);
    });

    it('invalid pagination', async () => {
      await expect4xx({ url: '/csapi/v1.1/images?pageNo=0' }, 400, /pageNo.*>= 1/);
      await expect4xx({ url: '/csapi/v1.1/images?pageSize=100000' }, 400, /pageSize.*<= 1000/);
      await expect4xx({ url: '/csapi/v1.1/containers?pageNo=abc' }, 400, /pageNo.*integer/);
      await expect4xx({ url: '/csapi/v1.1/events?fromDate=-5' }, 400, /fromDate/);
      await expect4xx({ url: '/csapi/v1.1/images?sort=nosuchfield:desc' }, 400, /nosuchfield/);
    });

    it('bad and unknown ids', async () => {
      await expect4xx(
        { url: `/csapi/v1.1/images/${encodeURIComponent('../../etc/passwd')}` },
        400,
        /imageId.*pattern/,
      );
      await expect4xx({ url: '/csapi/v1.1/images/0123456789ab' }, 404, /no image 0123456789ab/);
      await expect4xx(
        { method: 'DELETE', url: '/csapi/v1.1/images', payload: { imageIds: ['not-a-uuid'] } },
        400,
        /imageIds\/0.*pattern/,
      );
      await expect4xx(
        {
          method: 'POST',
          url: '/csapi/v1.1/registry/00000000-0000-4000-8000-000000000000/schedule',
          payload: { name: 'x', scheduleType: 'ON_DEMAND' },
        },
        404,
        /no registry/,
      );
      await expect4xx({ url: '/csapi/v1.1/nothing-here' }, 404, /no route GET/);
    });

    it('an injection attempt in a filter stays inert', async () => {
      const res = await s.app.inject({
        url: '/csapi/v1.1/images',
        query: { filter: `imageId:"x' or 1=1; drop table images; --"` },
        headers: h,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().count, 0);
      assert.equal((await s.app.inject({ url: '/csapi/v1.1/images', headers: h })).json().count, 3);
    });
  });
}

describe('internal errors', () => {
  it('are a 500 saying only "internal error" with the request id', async () => {
    const t = await freshDatabase('sqlite');
    const app = await buildApp({ db: t.db, dialect: 'sqlite' });
    await t.close();
    const res = await app.inject({ url: '/csapi/v1.1/images', headers: { authorization: 'Basic YTpi' } });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(Object.keys(res.json()).sort(), ['code', 'message', 'requestId']);
    assert.equal(res.json().message, 'internal error');
    await app.close();
    await t.dispose();
  });

  it('include a handler answering outside its response schema (responses are validated)', async () => {
    const t = await freshDatabase('sqlite');
    const app = await buildApp({ db: t.db, dialect: 'sqlite' });
    app.get(
      '/drifted',
      {
        schema: {
          response: { 200: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } },
        },
      },
      async () => ({ n: 'not a number' }),
    );
    const res = await app.inject({ url: '/drifted' });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().message, 'internal error');
    await app.close();
    await t.dispose();
  });
});
