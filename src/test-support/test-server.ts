/**
 * A seeded server for API tests: a fresh database of the given dialect, two customers
 * ("a" and "b") each with an admin (all permissions), a read-only user without API access
 * for customer a, and the seed inventory for both. Requests go through `app.inject()`.
 */

import type { DialectName } from '../db/dialects.js';
import { ADMIN_ROLE } from '../db/permissions.js';
import { createCustomer, createRole, createUser } from '../db/repositories/accounts-repository.js';
import { TenantScope } from '../db/tenant.js';
import { buildApp } from '../server/app.js';
import type { MatchContext } from '../server/matching/index.js';
import { type SeededInventory, seedInventory } from './seed-inventory.js';
import { freshDatabase, type TestDatabase } from './test-databases.js';
import { testSecretBox } from './test-secrets.js';

export const PASSWORD = 'correct horse battery';

export interface TestServer {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: TestDatabase;
  customers: { a: string; b: string };
  seeded: { a: SeededInventory; b: SeededInventory };
  /** Authorization header values. */
  auth: { a: string; b: string; noApi: string; readOnly: string };
  close(): Promise<void>;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface TestServerOptions {
  /** Server-side matching of uploads (absent: uploads are stored, not matched). */
  matching?: MatchContext;
}

export async function startTestServer(
  dialect: DialectName,
  opts: TestServerOptions = {},
): Promise<TestServer> {
  const db = await freshDatabase(dialect);
  const a = await createCustomer(db.db, 'customer a');
  const b = await createCustomer(db.db, 'customer b');
  for (const [customer, name] of [
    [a, 'admin-a'],
    [b, 'admin-b'],
  ] as const) {
    await createRole(db.db, customer, ADMIN_ROLE.name, ADMIN_ROLE.permissions);
    await createUser(db.db, customer, name, PASSWORD, [ADMIN_ROLE.name]);
  }
  await createRole(db.db, a, 'nothing', []);
  await createUser(db.db, a, 'no-api-a', PASSWORD, ['nothing']);
  await createRole(db.db, a, 'reader', ['API_ACCESS']);
  await createUser(db.db, a, 'reader-a', PASSWORD, ['reader']);
  const seeded = {
    a: await seedInventory(new TenantScope(db.db, a), 'a'),
    b: await seedInventory(new TenantScope(db.db, b), 'b'),
  };
  const app = await buildApp({
    db: db.db,
    dialect,
    secrets: testSecretBox,
    ...(opts.matching ? { matching: opts.matching } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    customers: { a, b },
    seeded,
    auth: {
      a: basic('admin-a', PASSWORD),
      b: basic('admin-b', PASSWORD),
      noApi: basic('no-api-a', PASSWORD),
      readOnly: basic('reader-a', PASSWORD),
    },
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
