/**
 * What `bulwark admin` does, loaded only when it runs: open the same database the server
 * uses (migrating it if needed), call the accounts repository, print one line per row.
 */
import { BulwarkError } from '../core/errors.js';
import { type DatabaseTarget, openDatabase } from '../db/dialects.js';
import { migrateToLatest } from '../db/migrate.js';
import * as accounts from '../db/repositories/accounts-repository.js';
import { newPassword } from '../db/secrets.js';

export type AdminAction =
  | { kind: 'customers-create'; name: string }
  | { kind: 'customers-list' }
  | { kind: 'users-create'; customer: string; username: string; password?: string; roles: string[] }
  | { kind: 'users-list'; customer: string }
  | { kind: 'users-revoke'; customer: string; username: string }
  | { kind: 'roles-create'; customer: string; name: string; permissions: string[] }
  | { kind: 'roles-list'; customer: string }
  | { kind: 'tokens-create'; customer: string; username: string; name: string; expiresInDays?: number }
  | { kind: 'tokens-list'; customer: string }
  | { kind: 'tokens-revoke'; customer: string; id: string }
  | { kind: 'activation-ids-create'; customer: string; name: string }
  | { kind: 'activation-ids-list'; customer: string }
  | { kind: 'activation-ids-revoke'; customer: string; id: string };

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** Runs one action and returns the lines to print. */
export async function runAdmin(target: DatabaseTarget, action: AdminAction): Promise<string[]> {
  const opened = openDatabase(target);
  const db = opened.db;
  try {
    await migrateToLatest(db, opened.dialect);
    switch (action.kind) {
      case 'customers-create': {
        const id = await accounts.createCustomer(db, action.name);
        await accounts.createRole(db, id, 'Administrator', ['API_ACCESS', 'MANAGE_INVENTORY', 'ADMIN']);
        return [`CustomerId: ${id}`];
      }
      case 'customers-list':
        return (await accounts.listCustomers(db)).map((c) => `${c.id}\t${c.name}\t${iso(c.created_at)}`);
      case 'users-create': {
        const password = action.password ?? newPassword();
        const id = await accounts.createUser(db, action.customer, action.username, password, action.roles);
        return [
          `user ${action.username} (${id})`,
          ...(action.password ? [] : [`password: ${password}   (generated: shown only now)`]),
        ];
      }
      case 'users-list':
        return (await accounts.listUsers(db, action.customer)).map(
          (u) =>
            `${u.id}\t${u.username}\t${u.disabled_at === null ? 'active' : `disabled ${iso(u.disabled_at)}`}`,
        );
      case 'users-revoke':
        await accounts.disableUser(db, action.customer, action.username);
        return [`user ${action.username} disabled`];
      case 'roles-create':
        return [
          `role ${action.name} (${await accounts.createRole(db, action.customer, action.name, action.permissions)})`,
        ];
      case 'roles-list':
        return (await accounts.listRoles(db, action.customer)).map(
          (r) => `${r.id}\t${r.name}\t${r.permissions.join(',')}`,
        );
      case 'tokens-create': {
        const expires =
          action.expiresInDays === undefined ? null : Date.now() + action.expiresInDays * 86_400_000;
        const { id, token } = await accounts.createApiToken(
          db,
          action.customer,
          action.username,
          action.name,
          expires,
        );
        return [`token ${id} expires ${iso(expires)}`, `secret: ${token}   (shown only now)`];
      }
      case 'tokens-list':
        return (await accounts.listApiTokens(db, action.customer)).map(
          (t) =>
            `${t.id}\t${t.name}\t${t.username}\texpires ${iso(t.expires_at)}\t${t.revoked_at === null ? 'active' : 'revoked'}`,
        );
      case 'tokens-revoke':
        await accounts.revokeApiToken(db, action.customer, action.id);
        return [`token ${action.id} revoked`];
      case 'activation-ids-create':
        return [
          `ActivationId: ${await accounts.createActivationId(db, action.customer, action.name)}`,
          `CustomerId: ${action.customer}`,
        ];
      case 'activation-ids-list':
        return (await accounts.listActivationIds(db, action.customer)).map(
          (a) => `${a.id}\t${a.name}\t${a.revoked_at === null ? 'active' : 'revoked'}`,
        );
      case 'activation-ids-revoke':
        await accounts.revokeActivationId(db, action.customer, action.id);
        return [`ActivationId ${action.id} revoked`];
      default:
        throw new BulwarkError('USAGE', 'unknown admin action');
    }
  } finally {
    await opened.close();
  }
}
