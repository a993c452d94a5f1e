/**
 * The console's settings API through `app.inject()` on a real SQLite database: users and
 * roles (ADMIN only, per customer, no self-lockout), activation keys with the CustomerId,
 * and the dashboard's top labels per customer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  basic,
  PASSWORD,
  startTestServer,
  type TestServer,
} from '../../../../../test-support/test-server.js';

interface User {
  id: string;
  username: string;
  disabledAt: number | null;
  roles: string[];
}

describe('settings API (users, roles, activation keys, top labels)', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sqlite');
  });
  after(async () => s.close());
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    auth: string,
    payload?: object,
  ) => s.app.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });
  const users = async (auth = s.auth.a) =>
    (await call('GET', '/csapi/v1.1/settings/users', auth)).json() as User[];

  it('lists only the caller customer’s users with their roles; refuses callers without ADMIN', async () => {
    const list = await users();
    assert.deepEqual(
      list.map((u) => [u.username, u.roles]),
      [
        ['admin-a', ['Administrator']],
        ['no-api-a', ['nothing']],
        ['reader-a', ['reader']],
      ],
    );
    assert.deepEqual(
      (await users(s.auth.b)).map((u) => u.username),
      ['admin-b'],
    );
    assert.equal((await call('GET', '/csapi/v1.1/settings/users', s.auth.readOnly)).statusCode, 403);
    assert.equal(
      (await call('GET', '/csapi/v1.1/settings/activation-keys', s.auth.readOnly)).statusCode,
      403,
    );
  });

  it('creates a role and a user, assigns roles, disables and re-enables the user', async () => {
    const role = await call('POST', '/csapi/v1.1/settings/roles', s.auth.a, {
      name: 'operators',
      permissions: ['API_ACCESS', 'MANAGE_INVENTORY'],
    });
    assert.equal(role.statusCode, 200);
    const dup = await call('POST', '/csapi/v1.1/settings/roles', s.auth.a, {
      name: 'operators',
      permissions: [],
    });
    assert.equal(dup.statusCode, 409);
    const bad = await call('POST', '/csapi/v1.1/settings/roles', s.auth.a, {
      name: 'x',
      permissions: ['ROOT'],
    });
    assert.equal(bad.statusCode, 400);

    const created = await call('POST', '/csapi/v1.1/settings/users', s.auth.a, {
      username: 'ops-a',
      password: 'long enough password',
      roles: ['operators'],
    });
    assert.equal(created.statusCode, 200);
    const { id } = created.json() as { id: string };
    const ops = basic('ops-a', 'long enough password');
    assert.equal((await call('GET', '/csapi/v1.1/images', ops)).statusCode, 200);

    const reassigned = await call('PUT', `/csapi/v1.1/settings/users/${id}`, s.auth.a, {
      roles: ['nothing'],
    });
    assert.deepEqual((reassigned.json() as User).roles, ['nothing']);
    assert.equal((await call('GET', '/csapi/v1.1/images', ops)).statusCode, 403);

    await call('PUT', `/csapi/v1.1/settings/users/${id}`, s.auth.a, { roles: ['operators'], disabled: true });
    assert.equal((await call('GET', '/csapi/v1.1/images', ops)).statusCode, 401);
    const enabled = await call('PUT', `/csapi/v1.1/settings/users/${id}`, s.auth.a, { disabled: false });
    assert.equal((enabled.json() as User).disabledAt, null);
    assert.equal((await call('GET', '/csapi/v1.1/images', ops)).statusCode, 200);

    // Another customer's admin cannot see or change this user.
    assert.equal(
      (await call('PUT', `/csapi/v1.1/settings/users/${id}`, s.auth.b, { disabled: true })).statusCode,
      404,
    );
    const unknownRole = await call('PUT', `/csapi/v1.1/settings/users/${id}`, s.auth.a, {
      roles: ['Administrator', 'ghost'],
    });
    assert.equal(unknownRole.statusCode, 400);
  });

  it('edits role permissions, but never lets an admin lock themself out', async () => {
    const roles = (await call('GET', '/csapi/v1.1/settings/roles', s.auth.a)).json() as {
      id: string;
      name: string;
      permissions: string[];
    }[];
    const reader = roles.find((r) => r.name === 'reader');
    const admin = roles.find((r) => r.name === 'Administrator');
    assert.ok(reader && admin);
    assert.deepEqual(admin.permissions, ['ADMIN', 'API_ACCESS', 'MANAGE_INVENTORY']);
    const edited = await call('PUT', `/csapi/v1.1/settings/roles/${reader.id}`, s.auth.a, {
      permissions: [],
    });
    assert.deepEqual((edited.json() as { permissions: string[] }).permissions, []);
    assert.equal((await call('GET', '/csapi/v1.1/images', s.auth.readOnly)).statusCode, 403);
    await call('PUT', `/csapi/v1.1/settings/roles/${reader.id}`, s.auth.a, { permissions: ['API_ACCESS'] });
    assert.equal((await call('GET', '/csapi/v1.1/images', s.auth.readOnly)).statusCode, 200);

    const me = (await users()).find((u) => u.username === 'admin-a');
    assert.ok(me);
    const noAdmin = await call('PUT', `/csapi/v1.1/settings/roles/${admin.id}`, s.auth.a, {
      permissions: ['API_ACCESS'],
    });
    assert.equal(noAdmin.statusCode, 400);
    assert.equal(
      (await call('PUT', `/csapi/v1.1/settings/users/${me.id}`, s.auth.a, { disabled: true })).statusCode,
      400,
    );
    assert.equal(
      (await call('PUT', `/csapi/v1.1/settings/users/${me.id}`, s.auth.a, { roles: ['reader'] })).statusCode,
      400,
    );
    assert.equal((await call('GET', '/csapi/v1.1/settings/users', s.auth.a)).statusCode, 200);
  });

  it('creates and revokes activation keys of the caller’s customer, with its CustomerId', async () => {
    const created = await call('POST', '/csapi/v1.1/settings/activation-keys', s.auth.a, { name: 'dc1' });
    const { id } = created.json() as { id: string };
    const list = (await call('GET', '/csapi/v1.1/settings/activation-keys', s.auth.a)).json() as {
      customerId: string;
      keys: { id: string; name: string; revokedAt: number | null }[];
    };
    assert.equal(list.customerId, s.customers.a);
    assert.deepEqual(
      list.keys.map((k) => [k.name, k.revokedAt]),
      [['dc1', null]],
    );
    assert.equal(
      (await call('DELETE', `/csapi/v1.1/settings/activation-keys/${id}`, s.auth.b)).statusCode,
      404,
    );
    assert.equal(
      (await call('DELETE', `/csapi/v1.1/settings/activation-keys/${id}`, s.auth.a)).statusCode,
      204,
    );
    const after = (await call('GET', '/csapi/v1.1/settings/activation-keys', s.auth.a)).json() as {
      keys: { revokedAt: number | null }[];
    };
    assert.ok(after.keys[0]?.revokedAt);
    const b = (await call('GET', '/csapi/v1.1/settings/activation-keys', s.auth.b)).json() as {
      keys: unknown[];
    };
    assert.deepEqual(b.keys, []);
  });

  it('counts the most common labels of images and of containers, per customer', async () => {
    const images = await call('GET', '/csapi/v1.1/labels/top?entity=images', s.auth.a);
    assert.deepEqual(images.json(), [{ key: 'org.label-schema.vendor', value: 'vendor-a', count: 1 }]);
    const containers = await call('GET', '/csapi/v1.1/labels/top?entity=containers&limit=5', s.auth.b);
    assert.deepEqual(containers.json(), [{ key: 'org.label-schema.name', value: 'base-b', count: 1 }]);
    assert.equal((await call('GET', '/csapi/v1.1/labels/top?entity=hosts', s.auth.a)).statusCode, 400);
  });

  it('keeps the password out of every answer', async () => {
    const text = (await call('GET', '/csapi/v1.1/settings/users', s.auth.a)).body;
    assert.doesNotMatch(text, /scrypt|password/i);
    assert.ok(PASSWORD);
  });
});
