/**
 * What a customer's administrator changes from the console (Settings → Users and roles):
 * users with their roles, role permissions, enabling and disabling. Creation goes through
 * accounts-repository (shared with `bulwark admin`); these functions add the per-customer
 * edits, always through the caller's TenantScope.
 */
import { BulwarkError } from '../../core/errors.js';
import { isPermission, type Permission } from '../permissions.js';
import type { TenantScope } from '../tenant.js';

export interface UserWithRoles {
  id: string;
  username: string;
  created: number;
  disabledAt: number | null;
  roles: string[];
}

export interface RoleWithPermissions {
  id: string;
  name: string;
  created: number;
  permissions: Permission[];
}

export async function usersWithRoles(scope: TenantScope): Promise<UserWithRoles[]> {
  const users = await scope
    .selectFrom('users')
    .select(['id', 'username', 'created_at', 'disabled_at'])
    .orderBy('created_at')
    .orderBy('username')
    .execute();
  const links = await scope
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.name'])
    .orderBy('roles.name')
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    created: Number(u.created_at),
    disabledAt: u.disabled_at === null ? null : Number(u.disabled_at),
    roles: links.filter((l) => l.user_id === u.id).map((l) => l.name),
  }));
}

export async function rolesWithPermissions(scope: TenantScope): Promise<RoleWithPermissions[]> {
  const roles = await scope
    .selectFrom('roles')
    .select(['id', 'name', 'created_at'])
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const perms = await scope.selectFrom('role_permissions').select(['role_id', 'permission']).execute();
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    created: Number(r.created_at),
    permissions: perms
      .filter((p) => p.role_id === r.id)
      .map((p) => p.permission)
      .filter(isPermission)
      .sort(),
  }));
}

async function requireUser(scope: TenantScope, userId: string): Promise<void> {
  const row = await scope.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!row) throw new BulwarkError('NOT_FOUND', `no user ${userId}`);
}

export async function roleNameTaken(scope: TenantScope, name: string): Promise<boolean> {
  const row = await scope.selectFrom('roles').select('id').where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

/** Replaces the user's roles by those named; every name must be a role of the customer. */
export async function setUserRoles(scope: TenantScope, userId: string, roleNames: string[]): Promise<void> {
  await requireUser(scope, userId);
  const wanted = [...new Set(roleNames)];
  const roles =
    wanted.length === 0
      ? []
      : await scope.selectFrom('roles').select(['id', 'name']).where('name', 'in', wanted).execute();
  const missing = wanted.filter((n) => !roles.some((r) => r.name === n));
  if (missing.length > 0) throw new BulwarkError('BAD_REQUEST', `unknown role(s): ${missing.join(', ')}`);
  await scope.transaction(async (tx) => {
    await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    await tx.insert(
      'user_roles',
      roles.map((r) => ({ user_id: userId, role_id: r.id })),
    );
  });
}

export async function setUserDisabled(
  scope: TenantScope,
  userId: string,
  disabled: boolean,
  now = Date.now(),
): Promise<void> {
  await requireUser(scope, userId);
  await scope
    .updateTable('users')
    .set({ disabled_at: disabled ? now : null })
    .where('id', '=', userId)
    .execute();
}

/** The permissions the given role names would grant (to refuse an admin locking themself out). */
export async function permissionsOfRoles(scope: TenantScope, roleNames: string[]): Promise<Set<Permission>> {
  if (roleNames.length === 0) return new Set();
  const rows = await scope
    .selectFrom('role_permissions')
    .innerJoin('roles', 'roles.id', 'role_permissions.role_id')
    .select('role_permissions.permission')
    .where('roles.name', 'in', roleNames)
    .execute();
  return new Set(rows.map((r) => r.permission).filter(isPermission));
}

export async function setRolePermissions(
  scope: TenantScope,
  roleId: string,
  permissions: string[],
): Promise<void> {
  const bad = permissions.filter((p) => !isPermission(p));
  if (bad.length > 0) throw new BulwarkError('BAD_REQUEST', `unknown permission(s): ${bad.join(', ')}`);
  const role = await scope.selectFrom('roles').select('id').where('id', '=', roleId).executeTakeFirst();
  if (!role) throw new BulwarkError('NOT_FOUND', `no role ${roleId}`);
  await scope.transaction(async (tx) => {
    await tx.deleteFrom('role_permissions').where('role_id', '=', roleId).execute();
    await tx.insert(
      'role_permissions',
      [...new Set(permissions)].map((permission) => ({ role_id: roleId, permission })),
    );
  });
}
