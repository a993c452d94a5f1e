/**
 * The console's own API: login / logout sessions, the user's API tokens, per-customer
 * dashboards, and serving the built console with deep links — through `app.inject()`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshDatabase } from '../../../test-support/test-databases.js';
import { PASSWORD, startTestServer, type TestServer } from '../../../test-support/test-server.js';
import { buildApp } from '../../app.js';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('console API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sqlite');
  });
  after(async () => s.close());
  const login = async (user: string, password = PASSWORD) =>
    s.app.inject({
      method: 'POST',
      url: '/console/session',
      headers: { authorization: basic(user, password) },
    });
  const get = (url: string, authorization: string) => s.app.inject({ url, headers: { authorization } });

  it('logs in with Basic credentials and gets a bearer session that works on /csapi, until logout', async () => {
    const res = await login('admin-a');
    assert.equal(res.statusCode, 200);
    const session = res.json() as { token: string; username: string; expiresAt: number };
    assert.equal(session.username, 'admin-a');
    assert.ok(session.expiresAt > Date.now() + 11 * 3600_000);
    const bearer = `Bearer ${session.token}`;
    assert.equal((await get('/csapi/v1.1/images', bearer)).statusCode, 200);
    const out = await s.app.inject({
      method: 'DELETE',
      url: '/console/session',
      headers: { authorization: bearer },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await get('/csapi/v1.1/images', bearer)).statusCode, 401);
  });

  it('refuses a wrong password (401), a user without API access (403) and a missing credential (401)', async () => {
    assert.equal((await login('admin-a', 'nope')).statusCode, 401);
    assert.equal((await login('no-api-a')).statusCode, 403);
    assert.equal((await s.app.inject({ method: 'POST', url: '/console/session' })).statusCode, 401);
    // A read-only user can still log in: a session is not a write to the inventory.
    assert.equal((await login('reader-a')).statusCode, 200);
  });

  it('creates, lists and revokes the caller’s own API tokens only', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/csapi/v1.1/tokens',
      headers: { authorization: s.auth.a },
      payload: { name: 'ci', expiresInDays: 30 },
    });
    assert.equal(created.statusCode, 200);
    const { id, token } = created.json() as { id: string; token: string };
    const list = (await get('/csapi/v1.1/tokens', `Bearer ${token}`)).json() as {
      id: string;
      name: string;
    }[];
    assert.ok(list.some((t) => t.id === id && t.name === 'ci'));
    const del = (authorization: string) =>
      s.app.inject({ method: 'DELETE', url: `/csapi/v1.1/tokens/${id}`, headers: { authorization } });
    assert.equal((await del(s.auth.b)).statusCode, 404);
    assert.equal((await del(s.auth.a)).statusCode, 204);
    assert.equal((await get('/csapi/v1.1/images', `Bearer ${token}`)).statusCode, 401);
  });

  it('stores dashboards per customer and validates widgets', async () => {
    const widget = {
      id: 'w1',
      title: 'Critical',
      entity: 'images',
      query: 'vulnerabilities.severity:5',
      kind: 'count',
      size: 'small',
    };
    const post = (payload: object) =>
      s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/dashboards',
        headers: { authorization: s.auth.a },
        payload,
      });
    const made = await post({ name: 'Mine', widgets: [widget] });
    assert.equal(made.statusCode, 200);
    const { id } = made.json() as { id: string };
    assert.deepEqual((await get('/csapi/v1.1/dashboards', s.auth.b)).json(), []);
    assert.equal((await get(`/csapi/v1.1/dashboards/${id}`, s.auth.b)).statusCode, 404);
    const put = await s.app.inject({
      method: 'PUT',
      url: `/csapi/v1.1/dashboards/${id}`,
      headers: { authorization: s.auth.a },
      payload: { name: 'Renamed', widgets: [{ ...widget, size: 'large' }] },
    });
    assert.equal(put.statusCode, 200);
    const got = (await get(`/csapi/v1.1/dashboards/${id}`, s.auth.a)).json() as {
      name: string;
      widgets: { size: string }[];
    };
    assert.equal(got.name, 'Renamed');
    assert.equal(got.widgets[0]?.size, 'large');
    const bad = await post({ name: 'x', widgets: [{ ...widget, script: 'alert(1)' }] });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { message: string }).message, /unknown field "script"/);
    const del = (authorization: string) =>
      s.app.inject({ method: 'DELETE', url: `/csapi/v1.1/dashboards/${id}`, headers: { authorization } });
    assert.equal((await del(s.auth.readOnly)).statusCode, 403);
    assert.equal((await del(s.auth.a)).statusCode, 204);
    assert.equal((await get(`/csapi/v1.1/dashboards/${id}`, s.auth.a)).statusCode, 404);
  });
});

describe('serving the built console', () => {
  it('serves files under /static, index.html for deep links, and never a file outside the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-console-'));
    mkdirSync(join(dir, 'static'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'static', 'app-1.js'), 'console.log(1)');
    const t = await freshDatabase('sqlite');
    const app = await buildApp({ db: t.db, dialect: 'sqlite', consoleDir: dir });
    try {
      const js = await app.inject({ url: '/static/app-1.js' });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(String(js.headers['cache-control']), /immutable/);
      for (const url of ['/', '/assets/images/1234', '/events?filter=x']) {
        const res = await app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        assert.match(res.body, /<title>console<\/title>/, url);
      }
      assert.equal((await app.inject({ url: '/static/missing.js' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/static/..%2F..%2Fpackage.json' })).statusCode, 404);
      // API paths never fall back to the console page.
      const api = await app.inject({ url: '/csapi/v1.1/nothing-here' });
      assert.equal(api.statusCode, 404);
      assert.equal((api.json() as { code: string }).code, 'NOT_FOUND');
      assert.equal((await app.inject({ url: '/console/nothing' })).statusCode, 404);
    } finally {
      await app.close();
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
