/**
 * Customers, users, roles, API tokens and activation ids. Operators (`bulwark admin`) act
 * across customers, so these functions take the customer explicitly; the only lookups that
 * are not scoped are the two that *establish* the caller's customer: a login by user name
 * and a token by its hash.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import { ADMIN_ROLE, isPermission, type Permission } from '../permissions.js';
import type { Database } from '../schema.js';
import { hashPassword, newPassword, newSecret, sha256Hex } from '../secrets.js';
import { TenantScope } from '../tenant.js';

export interface Principal {
  customerId: string;
  userId: string;
  username: string;
  permissions: ReadonlySet<Permission>;
}

export interface Bootstrap {
  customerId: string;
  username: string;
  /** Only when generated: shown once, never stored. */
  generatedPassword: string | null;
  activationId: string;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,128}$/;

async function requireCustomer(db: Kysely<Database>, customerId: string): Promise<void> {
  const row = await db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
  if (!row) throw new BulwarkError('NOT_FOUND', `no customer ${customerId}`);
}

export async function createCustomer(db: Kysely<Database>, name: string, now = Date.now()): Promise<string> {
  const id = randomUUID();
  await db.insertInto('customers').values({ id, name, created_at: now }).execute();
  return id;
}

export async function listCustomers(db: Kysely<Database>) {
  return db.selectFrom('customers').selectAll().orderBy('created_at').execute();
}

export async function createRole(
  db: Kysely<Database>,
  customerId: string,
  name: string,
  permissions: string[],
): Promise<string> {
  await requireCustomer(db, customerId);
  const bad = permissions.filter((p) => !isPermission(p));
  if (bad.length > 0) throw new BulwarkError('BAD_REQUEST', `unknown permission(s): ${bad.join(', ')}`);
  const id = randomUUID();
  const scope = new TenantScope(db, customerId);
  await scope.transaction(async (tx) => {
    await tx.insert('roles', [{ id, name, created_at: Date.now() }]);
    await tx.insert(
      'role_permissions',
      [...new Set(permissions)].map((permission) => ({ role_id: id, permission })),
    );
  });
  return id;
}

export async function listRoles(db: Kysely<Database>, customerId: string) {
  const scope = new TenantScope(db, customerId);
  const roles = await scope.selectFrom('roles').selectAll().orderBy('created_at').execute();
  const perms = await scope.selectFrom('role_permissions').selectAll().execute();
  return roles.map((r) => ({
    ...r,
    permissions: perms.filter((p) => p.role_id === r.id).map((p) => p.permission),
  }));
}

async function roleIdByName(scope: TenantScope, name: string): Promise<string> {
  const role = await scope.selectFrom('roles').select('id').where('name', '=', name).executeTakeFirst();
  if (!role) throw new BulwarkError('NOT_FOUND', `customer ${scope.customerId} has no role "${name}"`);
  return role.id;
}

export async function createUser(
  db: Kysely<Database>,
  customerId: string,
  username: string,
  password: string,
  roleNames: string[],
): Promise<string> {
  if (!USERNAME.test(username)) {
    throw new BulwarkError('BAD_REQUEST', `user name "${username}" must be 1-128 of A-Z a-z 0-9 . _ @ -`);
  }
  if (password.length < 8) throw new BulwarkError('BAD_REQUEST', 'a password needs at least 8 characters');
  await requireCustomer(db, customerId);
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new BulwarkError('CONFLICT', `user name "${username}" is taken`);
  const scope = new TenantScope(db, customerId);
  const roleIds = await Promise.all(roleNames.map((n) => roleIdByName(scope, n)));
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  await scope.transaction(async (tx) => {
    await tx.insert('users', [
      { id, username, password_hash: passwordHash, created_at: Date.now(), disabled_at: null },
    ]);
    await tx.insert(
      'user_roles',
      roleIds.map((role_id) => ({ user_id: id, role_id })),
    );
  });
  return id;
}

export async function listUsers(db: Kysely<Database>, customerId: string) {
  const scope = new TenantScope(db, customerId);
  return scope
    .selectFrom('users')
    .select(['users.id', 'users.username', 'users.created_at', 'users.disabled_at'])
    .orderBy('users.created_at')
    .execute();
}

export async function disableUser(db: Kysely<Database>, customerId: string, username: string): Promise<void> {
  const res = await new TenantScope(db, customerId)
    .updateTable('users')
    .set({ disabled_at: Date.now() })
    .where('username', '=', username)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    throw new BulwarkError('NOT_FOUND', `no user "${username}" in ${customerId}`);
}

export async function createApiToken(
  db: Kysely<Database>,
  customerId: string,
  username: string,
  name: string,
  expiresAt: number | null,
): Promise<{ id: string; token: string }> {
  const scope = new TenantScope(db, customerId);
  const user = await scope
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw new BulwarkError('NOT_FOUND', `no user "${username}" in customer ${customerId}`);
  const id = randomUUID();
  const token = newSecret('bwk');
  await scope.insert('api_tokens', [
    {
      id,
      user_id: user.id,
      name,
      token_hash: sha256Hex(token),
      created_at: Date.now(),
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    },
  ]);
  return { id, token };
}

export async function listApiTokens(db: Kysely<Database>, customerId: string) {
  return new TenantScope(db, customerId)
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'users.username',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .orderBy('api_tokens.created_at')
    .execute();
}

export async function revokeApiToken(db: Kysely<Database>, customerId: string, id: string): Promise<void> {
  const res = await new TenantScope(db, customerId)
    .updateTable('api_tokens')
    .set({ revoked_at: Date.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new BulwarkError('NOT_FOUND', `no active API token ${id}`);
}

export async function createActivationId(
  db: Kysely<Database>,
  customerId: string,
  name: string,
): Promise<string> {
  await requireCustomer(db, customerId);
  const id = randomUUID();
  await new TenantScope(db, customerId).insert('activation_ids', [
    { id, name, created_at: Date.now(), revoked_at: null },
  ]);
  return id;
}

export async function listActivationIds(db: Kysely<Database>, customerId: string) {
  return new TenantScope(db, customerId)
    .selectFrom('activation_ids')
    .selectAll()
    .orderBy('created_at')
    .execute();
}

export async function revokeActivationId(
  db: Kysely<Database>,
  customerId: string,
  id: string,
): Promise<void> {
  const res = await new TenantScope(db, customerId)
    .updateTable('activation_ids')
    .set({ revoked_at: Date.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new BulwarkError('NOT_FOUND', `no active activation id ${id}`);
}

async function permissionsOf(
  db: Kysely<Database>,
  customerId: string,
  userId: string,
): Promise<Set<Permission>> {
  const rows = await new TenantScope(db, customerId)
    .selectFrom('user_roles')
    .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
    .select('role_permissions.permission')
    .where('user_roles.user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.permission).filter(isPermission));
}

/** The user a login names, with its hash; not scoped: this is how the customer is found. */
export async function findLogin(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'customer_id', 'username', 'password_hash'])
    .where('username', '=', username)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function principalFor(
  db: Kysely<Database>,
  user: { id: string; customer_id: string; username: string },
): Promise<Principal> {
  return {
    customerId: user.customer_id,
    userId: user.id,
    username: user.username,
    permissions: await permissionsOf(db, user.customer_id, user.id),
  };
}

/** The principal an API token stands for, or null when unknown, revoked or expired. */
export async function principalForToken(db: Kysely<Database>, token: string, now = Date.now()) {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at'])
    .select(['users.id', 'users.customer_id', 'users.username', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  return principalFor(db, row);
}

/**
 * Creates the first customer, its Administrator role, the admin user and an activation id —
 * only when the database has no customer yet. Returns null otherwise.
 */
export async function bootstrapFirstCustomer(
  db: Kysely<Database>,
  admin: { username?: string | undefined; password?: string | undefined },
): Promise<Bootstrap | null> {
  const any = await db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const customerId = await createCustomer(db, 'default');
  await createRole(db, customerId, ADMIN_ROLE.name, ADMIN_ROLE.permissions);
  const username = admin.username || 'admin';
  const generatedPassword = admin.password ? null : newPassword();
  await createUser(db, customerId, username, admin.password || generatedPassword!, [ADMIN_ROLE.name]);
  const activationId = await createActivationId(db, customerId, 'default');
  return { customerId, username, generatedPassword, activationId };
}
