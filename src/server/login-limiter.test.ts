/**
 * The failed-login limit is shared by replicas: two server apps, each with its own
 * connection pool, on one real database (PostgreSQL, and SQLite for the embedded mode),
 * count failures together. The window's clock is injected so expiry needs no waiting.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type OpenedDatabase, openDatabase } from '../db/dialects.js';
import { ADMIN_ROLE } from '../db/permissions.js';
import { createCustomer, createRole, createUser } from '../db/repositories/accounts-repository.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../test-support/test-databases.js';
import { basic } from '../test-support/test-server.js';
import { type App, buildApp } from './app.js';
import { LoginLimiter } from './login-limiter.js';

const PASSWORD = 'right password here';
const WINDOW = 15 * 60_000;

for (const dialect of DIALECTS) {
  describe(`login rate limit across replicas (${dialect})`, () => {
    let t: TestDatabase;
    let second: OpenedDatabase;
    let replicas: [App, App];
    let now = 1_700_000_000_000;
    const clock = () => now;

    before(async () => {
      t = await freshDatabase(dialect);
      const customer = await createCustomer(t.db, 'one');
      await createRole(t.db, customer, ADMIN_ROLE.name, ADMIN_ROLE.permissions);
      for (const name of ['alice', 'bob', 'carol'])
        await createUser(t.db, customer, name, PASSWORD, [ADMIN_ROLE.name]);
      // A second, independent connection to the same database: another replica's pool.
      second = openDatabase(t.target);
      const build = (db: OpenedDatabase['db']) =>
        buildApp({ db, dialect, limiter: new LoginLimiter(db, 5, WINDOW, clock) });
      replicas = [await build(t.db), await build(second.db)];
      for (const app of replicas) await app.ready();
    });
    after(async () => {
      for (const app of replicas) await app.close();
      await second.close();
      await t.dispose();
    });

    const login = async (replica: 0 | 1, user: string, password: string) =>
      (
        await replicas[replica].inject({
          url: '/csapi/v1.1/images',
          headers: { authorization: basic(user, password) },
          remoteAddress: `10.0.0.${user.length}`,
        })
      ).statusCode;

    it('failures on either replica add up: 3 + 2 wrong passwords block the user on both', async () => {
      for (let i = 0; i < 3; i++) assert.equal(await login(0, 'alice', 'wrong'), 401);
      for (let i = 0; i < 2; i++) assert.equal(await login(1, 'alice', 'wrong'), 401);
      assert.equal(await login(0, 'alice', PASSWORD), 429);
      assert.equal(await login(1, 'alice', PASSWORD), 429);
      // Other users are not affected.
      assert.equal(await login(1, 'bob', PASSWORD), 200);
    });

    it('the block ends when the window that opened at the first failure has passed', async () => {
      now += WINDOW - 1;
      assert.equal(await login(1, 'alice', PASSWORD), 429);
      now += 2;
      assert.equal(await login(1, 'alice', PASSWORD), 200);
      assert.equal(await login(0, 'alice', PASSWORD), 200);
    });

    it('a successful login on one replica clears the count the other one sees', async () => {
      for (let i = 0; i < 4; i++) assert.equal(await login(i % 2 === 0 ? 0 : 1, 'carol', 'wrong'), 401);
      assert.equal(await login(1, 'carol', PASSWORD), 200);
      for (let i = 0; i < 4; i++) assert.equal(await login(0, 'carol', 'wrong'), 401);
      assert.equal(await login(1, 'carol', PASSWORD), 200);
      // Cleared again: a full five failures are needed before the block.
      for (let i = 0; i < 5; i++) assert.equal(await login(i % 2 === 0 ? 1 : 0, 'carol', 'wrong'), 401);
      assert.equal(await login(0, 'carol', PASSWORD), 429);
    });

    it('stores only hashes of the keys, never the user name or the address', async () => {
      const rows = await t.db.selectFrom('login_failures').select('key_hash').execute();
      assert.ok(rows.length > 0);
      for (const r of rows) assert.match(r.key_hash, /^[0-9a-f]{64}$/);
    });
  });
}
